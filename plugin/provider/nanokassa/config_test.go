package nanokassa_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/nanokassa"
	"github.com/kopeck/kopeck/plugin/receipt"
)

func TestCredentialsRequired(t *testing.T) {
	for _, cfg := range []string{``, `{}`, `{"kassaid":" ","kassatoken":""}`} {
		_, p := nanokassa.New().Build(sale(line("x", 100, 1000)), provider.Options{Test: true, Config: json.RawMessage(cfg), ConfigPath: "settings.nanokassa", Rand: seeded(1)})
		if !hasProblem(p, receipt.SeverityError, receipt.CodeRequired, "settings.nanokassa.kassaid") ||
			!hasProblem(p, receipt.SeverityError, receipt.CodeRequired, "settings.nanokassa.kassatoken") {
			t.Errorf("config %q: %v", cfg, p)
		}
	}
	_, p := build(t, sale(line("x", 100, 1000)), `["not an object"]`)
	if !hasProblem(p, receipt.SeverityError, receipt.CodeWrongType, "settings.nanokassa") {
		t.Errorf("non-object section: %v", p)
	}
}

func TestOverridesAndSecrets(t *testing.T) {
	secretHMAC := "c2VjcmV0LWhtYWMta2V5LXZhbHVl" // base64 of "secret-hmac-key-value"
	cfg := `{"kassaid":"1","kassatoken":"` + testToken + `","cms":"ss7","url":"ftp://user:pw@host/x","status_url":"nope",
	  "public_key_first":"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----","hmac_second":"%%%` + secretHMAC + `","colour":"red"}`
	_, p := build(t, sale(line("x", 100, 1000)), cfg)
	for _, want := range []struct{ code, path string }{
		{nanokassa.CodeInvalidURL, "settings.nanokassa.url"},
		{nanokassa.CodeInvalidURL, "settings.nanokassa.status_url"},
		{nanokassa.CodeInvalidKey, "settings.nanokassa.public_key_first"},
		{nanokassa.CodeInvalidKey, "settings.nanokassa.hmac_second"},
	} {
		if !hasProblem(p, receipt.SeverityError, want.code, want.path) {
			t.Errorf("no %s at %s: %v", want.code, want.path, p)
		}
	}
	if !hasProblem(p, receipt.SeverityWarning, jsonin.CodeUnknownField, "settings.nanokassa.colour") {
		t.Errorf("unknown field not reported: %v", p)
	}
	for _, pr := range p {
		for _, secret := range []string{testToken, secretHMAC, "user:pw", "AAAA"} {
			if strings.Contains(pr.Message, secret) || strings.Contains(strings.Join(mapValues(pr.Params), " "), secret) {
				t.Errorf("problem %v reveals %q", pr, secret)
			}
		}
	}
	pl, _ := must(t, sale(line("x", 100, 1000)), `{"kassaid":1234,"kassatoken":"t","cms":"ss7-7.3.0.209","url":"https://nanokassa.ru/srv/igd.php"}`)
	if pl.Get("kassaid").Str != "1234" || pl.Get("cms").Str != "ss7-7.3.0.209" {
		t.Errorf("kassaid given as a number / cms override: %s %s", pl.Get("kassaid").Raw, pl.Get("cms").Raw)
	}
}

func TestParsePublicKey(t *testing.T) {
	s := shared()
	if k, ok := nanokassa.ParsePublicKey(s.PublicKeyPEM(0)); !ok || k.N.BitLen() != 2048 {
		t.Error("the simulator's PKIX key")
	}
	for _, bad := range []string{"", "garbage", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"} {
		if _, ok := nanokassa.ParsePublicKey(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// TestParsePublicKeyAgreesWithX509 checks the small asn1 parser against
// crypto/x509 on the official keys, in both PEM forms, and refuses a
// non-RSA key.
func TestParsePublicKeyAgreesWithX509(t *testing.T) {
	for _, pemText := range []string{nanokassa.PublicKeyFirst, nanokassa.PublicKeySecond} {
		block, _ := pem.Decode([]byte(pemText))
		want, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := nanokassa.ParsePublicKey(pemText)
		if !ok || !got.Equal(want) || got.N.BitLen() != 4096 {
			t.Errorf("official key parsed differently: %v", ok)
		}
		pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(want.(*rsa.PublicKey))})
		if got, ok := nanokassa.ParsePublicKey(string(pkcs1)); !ok || !got.Equal(want) {
			t.Error("PKCS #1 form")
		}
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	if _, ok := nanokassa.ParsePublicKey(string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))); ok {
		t.Error("an ECDSA key accepted")
	}
}
