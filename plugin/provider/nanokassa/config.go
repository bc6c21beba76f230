package nanokassa

import (
	"crypto/rsa"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"net/url"
	"strings"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// Endpoints and constants from Nanokassa's WordPress plugin (nanoparams.php)
// as recorded in nanokassa-encryption.md.
const (
	// DefaultURL receives the encrypted receipts.
	DefaultURL = "http://q.nanokassa.ru/srv/igd.php"
	// DefaultStatusURL answers the status of a receipt (getfp).
	DefaultStatusURL = "http://fp.nanokassa.com/getfp"
	// DefaultCMS is the "cms" value for a typical request ("wordpress" in
	// 90 % of the cases, says the document).
	DefaultCMS = "wordpress"
	// CheckType is the envelope-1 "check_type" of a receipt.
	CheckType = "standart"

	// PublicKeyFirst is RSA_PUB_FIRST (4096-bit), the first layer's key.
	PublicKeyFirst = `-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAwFXHnzc5YKj8e3tlNzST
CkA8Tq4gjTH0VMuhJhg5QWpFjFKwtnK3u4EOaQGmjqDtzyffVHmKuGikg9jE20sG
nJN4hTtySihOiUWRd4zhJVMevBQmsEQS33bg26UzzKCeO12mbM/Q4ip7YXEfWM/F
Tq2l94psQgmIDh/LtHVf3OBlz8I6u5VaP3AS0Hv9RBUin0RBkRUC+5tgURm382XT
nJ2GzZ8cEGJm3C+s0+W1N2igjV0X3MihylHGDyl+8FpbFIlXsaJOYQ0//JIgnaBz
MV2JyNTHBzPJrcIMHIbKBVAmDLfgeDNKug7wIadEcqoJaCz74yG9l9nJWISWQkI6
Ed8nDVsoaIkMQBuWWxfHjQEU8R8OVjRzhOGHPG2ka6y1/jcOS5JWPzS5YVXRPbrh
QYcoNebsOBaFxJYZ2E7VhVdrGWlBqhANFba7umZXVOvmDXIsH974Yv4awAaP70VP
SLFIdjiNy/SB8w0O8PJOUPznpMhvi1clBgp3PvtYmhUqmdHWPwjcjy0JmY9KrWz0
0Im1yDTTybtV3uYnwR677TmsLmR9c6T7EHlT3gG6Y0bM3w9tyrGqVKy1jIkyUZPV
f0dmXTfbh+hcC5kYal+M7lcn7wSSLHTUk+C/YWE1e5TvTBK6teU2VNmz80Yt2IS2
mcXlfKlZXilMmPJCdUI7nNMCAwEAAQ==
-----END PUBLIC KEY-----`

	// PublicKeySecond is RSA_PUB_SECOND (4096-bit), the second layer's key.
	PublicKeySecond = `-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA+fu+NGlnWAXqIVgEL37v
eatlyooYi+iHLiBmCDowNZUBAiQ+pvbnzkowUKdr86lGrzQLCAvVyXWG0U4kdixA
X0GTkIR/3g3h2/8hRx0x3K0umT+tcZC3iJytKzP+EM/B6sDdw6/URbykwvrAlbQs
G9d6eCqq0F/6muOM3gQazy8CuHyx4iFQpml4E1/IQgp3tZJOX5I9xieHTUwct2Ok
URCKYnHJZrRIN9rwXQkNG1q+M8HDqI1Mwq88wieVC+SUuoPc8F0MlIWs2zwDhLcX
84OQTRFqlW3NFR/6kUn3TIC1JZD1Ft/8fWukZzAFsAmdXmFzhBUuBPvjIzzLafY3
f8IszADMnloJ0BW3iGVRGj6hygX7Jpr/86LPHu6PBJzHzCp9bnfOiSjRENzzy55f
DdVbYpVgWDt4+UEkl9qNRNuiSMDpKeVNy6jxbihZneYCR8alnH8Olh6lL7bmGdww
qI9LSyq/qFfIMDV8onit/dLxzypFJofRfjZ1Dc8ZEqh2sab8qEMNPGQwTM/FVFWM
bq0hmjjY+BFWGY/h0z1NZMX75Uzyd9OdXaRoTlHPfOxxAIfclP2XY2K8f5PQ37g/
fX2R8bw/fXQd2ndi/+uPCGK92Xw4/3/osJKpm3QSYhSda53T9Ddned7BtWDQJqdV
Y/SUskwLLyjtSb0LqsSKBHkCAwEAAQ==
-----END PUBLIC KEY-----`

	// HMACFirst is HMAC_FIRST (base64 of 32 bytes).
	HMACFirst = "BBuXaXBdHg+wLPjRJpf3N/NmLq5kuvzGQx3II15/j8o="
	// HMACSecond is HMAC_SECOND (base64 of 32 bytes).
	HMACSecond = "aFZP3PbvrMZNNxxqJxaCnCLama5L8H1/YGO3UYsoCVQ="
)

// Config field names of the settings.nanokassa section.
var configFields = []string{"kassaid", "kassatoken", "cms", "url", "status_url",
	"public_key_first", "public_key_second", "hmac_first", "hmac_second", "extended_vat"}

// config is the settings.nanokassa section:
//
//	{"kassaid":"…","kassatoken":"…","cms":"wordpress",
//	 "url":"http://q.nanokassa.ru/srv/igd.php","status_url":"http://fp.nanokassa.com/getfp",
//	 "public_key_first":"-----BEGIN PUBLIC KEY-----…","public_key_second":"…",
//	 "hmac_first":"<base64>","hmac_second":"<base64>","extended_vat":false}
//
// Everything but kassaid and kassatoken has a default; the overrides exist
// for the simulator and for tests.
type config struct {
	KassaID, KassaToken string
	CMS                 string
	URL, StatusURL      string
	ExtendedVAT         bool
	Layers              [2]layerKey // first, second
	Path                string
}

// layerKey is one encryption layer's RSA public key and HMAC key.
type layerKey struct {
	Pub  *rsa.PublicKey
	HMAC []byte
}

// readConfig reads the section. needCredentials is true for receipts;
// needKeys for anything that encrypts.
func readConfig(o provider.Options, needCredentials, needKeys bool, p *receipt.Problems) config {
	path := o.ConfigPath
	if path == "" {
		path = "settings.nanokassa"
	}
	c := config{CMS: DefaultCMS, URL: DefaultURL, StatusURL: DefaultStatusURL, Path: path}
	raw := []byte(o.Config)
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	obj, _ := jsonin.Parse(raw, path, p)
	obj.IsObject() // records wrong_type for a non-object; members then read as missing
	obj.Known(configFields...)
	c.KassaID = strings.TrimSpace(obj.Str("kassaid", needCredentials))
	c.KassaToken = strings.TrimSpace(obj.Str("kassatoken", needCredentials))
	if v := strings.TrimSpace(obj.Str("cms", false)); v != "" {
		c.CMS = v
	}
	c.URL = readURL(obj, "url", c.URL, p)
	c.StatusURL = readURL(obj, "status_url", c.StatusURL, p)
	c.ExtendedVAT, _ = obj.Bool("extended_vat")
	if needKeys {
		c.Layers[0] = readLayer(obj, "public_key_first", PublicKeyFirst, "hmac_first", HMACFirst, p)
		c.Layers[1] = readLayer(obj, "public_key_second", PublicKeySecond, "hmac_second", HMACSecond, p)
	}
	return c
}

// readURL returns an http(s) URL override or def. The value is never
// echoed: a URL may carry user:password.
func readURL(obj jsonin.Obj, name, def string, p *receipt.Problems) string {
	u := strings.TrimSpace(obj.Str(name, false))
	if u == "" {
		return def
	}
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" || pu.Fragment != "" {
		p.Errorf(CodeInvalidURL, obj.Path+"."+name)
		return def
	}
	return u
}

func readLayer(obj jsonin.Obj, keyField, keyDef, hmacField, hmacDef string, p *receipt.Problems) layerKey {
	var l layerKey
	pemText := obj.Str(keyField, false)
	if strings.TrimSpace(pemText) == "" {
		pemText = keyDef
	}
	pub, ok := ParsePublicKey(pemText)
	if !ok {
		p.Errorf(CodeInvalidKey, obj.Path+"."+keyField, "field", keyField, "kind", "PEM RSA public key")
	}
	l.Pub = pub
	h := strings.TrimSpace(obj.Str(hmacField, false))
	if h == "" {
		h = hmacDef
	}
	key, err := base64.StdEncoding.DecodeString(h)
	if err != nil || len(key) == 0 {
		p.Errorf(CodeInvalidKey, obj.Path+"."+hmacField, "field", hmacField, "kind", "base64 HMAC key")
	}
	l.HMAC = key
	return l
}

// ParsePublicKey reads an RSA public key from PEM: "PUBLIC KEY" (PKIX
// SubjectPublicKeyInfo, as Nanokassa publishes its keys) or "RSA PUBLIC KEY"
// (PKCS #1). Keys under 2048 bits are refused. The DER is read with
// encoding/asn1, not crypto/x509: x509 would add ECDSA, Ed25519 and the NIST
// curves (about 0.5 MB) to the wasm plugin for one RSA key.
func ParsePublicKey(pemText string) (*rsa.PublicKey, bool) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(pemText)))
	if block == nil {
		return nil, false
	}
	der := block.Bytes
	switch block.Type {
	case "PUBLIC KEY":
		var spki struct {
			Algorithm struct {
				OID    asn1.ObjectIdentifier
				Params asn1.RawValue `asn1:"optional"`
			}
			Key asn1.BitString
		}
		if rest, err := asn1.Unmarshal(der, &spki); err != nil || len(rest) != 0 || !spki.Algorithm.OID.Equal(oidRSA) {
			return nil, false
		}
		der = spki.Key.RightAlign()
	case "RSA PUBLIC KEY":
	default:
		return nil, false
	}
	var k struct {
		N *big.Int
		E int
	}
	if rest, err := asn1.Unmarshal(der, &k); err != nil || len(rest) != 0 || k.N == nil || k.N.Sign() <= 0 || k.E < 3 || k.E&1 == 0 {
		return nil, false
	}
	if k.N.BitLen() < 2048 {
		return nil, false
	}
	return &rsa.PublicKey{N: k.N, E: k.E}, true
}

// oidRSA is rsaEncryption (PKCS #1), the algorithm of an RSA SubjectPublicKeyInfo.
var oidRSA = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
