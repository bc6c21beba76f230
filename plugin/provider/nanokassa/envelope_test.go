package nanokassa_test

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/nanokassa"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

// unseal decrypts one layer with the standard library directly, following
// nanokassa-encryption.md step by step (independent of the simulator).
func unseal(t *testing.T, keyField, dataField string, priv *rsa.PrivateKey, hmacKey []byte) []byte {
	t.Helper()
	wrapped, err := base64.StdEncoding.DecodeString(keyField)
	if err != nil {
		t.Fatal(err)
	}
	data, err := base64.StdEncoding.DecodeString(dataField)
	if err != nil {
		t.Fatal(err)
	}
	mac, iv, ct := data[:64], data[64:80], data[80:]
	h := hmac.New(sha512.New, hmacKey)
	h.Write(iv)
	h.Write(ct)
	if !hmac.Equal(mac, h.Sum(nil)) {
		t.Fatal("HMAC-SHA512(IV ‖ ciphertext) does not match the first 64 bytes")
	}
	key, err := rsa.DecryptOAEP(sha1.New(), nil, priv, wrapped, nil)
	if err != nil || len(key) != 32 {
		t.Fatalf("RSA-OAEP-SHA1: %v (key %d bytes)", err, len(key))
	}
	block, _ := aes.NewCipher(key)
	out := make([]byte, len(ct))
	cipher.NewCTR(block, iv).XORKeyStream(out, ct)
	return out
}

func simConfig(t *testing.T) string {
	t.Helper()
	m := shared().Settings("http://127.0.0.1:1")
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestEnvelopesDecryptAsDocumented(t *testing.T) {
	s := shared()
	b, p := build(t, sale(line("Товар", 100, 1000)), simConfig(t))
	if p.HasErrors() {
		t.Fatal(p)
	}
	if b.Request.Method != "POST" || b.Request.URL != "http://127.0.0.1:1/srv/igd.php" || b.Request.Headers["Content-Type"] != "application/json" {
		t.Errorf("request %+v", b.Request)
	}
	body := gjson.Parse(b.Request.Body)
	if got := keys(body); strings.Join(got, ",") != "aab,dde,test" || body.Get("test").Str != "1" {
		t.Fatalf("envelope 2: %v %s", got, body.Get("test").Raw)
	}
	e1 := gjson.ParseBytes(unseal(t, body.Get("aab").Str, body.Get("dde").Str, s.PrivateKey(1), s.HMACKey(1)))
	if got := keys(e1); strings.Join(got, ",") != "ab,de,kassaid,kassatoken,check_type,test" {
		t.Fatalf("envelope 1 fields %v", got)
	}
	if e1.Get("check_type").Str != "standart" || e1.Get("test").Str != "1" || e1.Get("kassaid").Str != s.KassaID || e1.Get("kassatoken").Str != s.KassaToken {
		t.Errorf("envelope 1: %s", e1.Raw)
	}
	inner := unseal(t, e1.Get("ab").Str, e1.Get("de").Str, s.PrivateKey(0), s.HMACKey(0))
	if string(inner) != string(b.Payload) {
		t.Errorf("inner JSON differs from Payload:\n%s\n%s", inner, b.Payload)
	}
}

func TestOfficialKeysGive512ByteBlocks(t *testing.T) {
	for i, pemText := range []string{nanokassa.PublicKeyFirst, nanokassa.PublicKeySecond} {
		pub, ok := nanokassa.ParsePublicKey(pemText)
		if !ok || pub.N.BitLen() != 4096 {
			t.Fatalf("official key %d: %v", i, ok)
		}
		k, d, err := nanokassa.Seal([]byte(`{"a":1}`), pub, []byte("k"), seeded(3))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := base64.StdEncoding.DecodeString(k)
		data, _ := base64.StdEncoding.DecodeString(d)
		if len(raw) != 512 || len(data) != 64+16+7 {
			t.Errorf("key %d: RSA block %d bytes (want 512), data %d bytes (want 87)", i, len(raw), len(data))
		}
	}
	b, p := build(t, sale(line("x", 100, 1000)), section)
	if p.HasErrors() {
		t.Fatal(p)
	}
	body := gjson.Parse(b.Request.Body)
	aab, _ := base64.StdEncoding.DecodeString(body.Get("aab").Str)
	if len(aab) != 512 || b.Request.URL != nanokassa.DefaultURL {
		t.Errorf("default request: aab %d bytes, URL %s", len(aab), b.Request.URL)
	}
	for _, h := range []string{nanokassa.HMACFirst, nanokassa.HMACSecond} {
		if k, err := base64.StdEncoding.DecodeString(h); err != nil || len(k) != 32 {
			t.Errorf("HMAC constant %s: %v, %d bytes", h, err, len(k))
		}
	}
}

func TestFreshRandomnessPerBuild(t *testing.T) {
	r := sale(line("x", 100, 1000))
	rnd := seeded(9)
	o := provider.Options{Test: true, Config: json.RawMessage(section), Rand: rnd}
	a, _ := nanokassa.New().Build(r, o)
	b, _ := nanokassa.New().Build(r, o)
	if a.Request.Body == b.Request.Body {
		t.Fatal("two builds of the same receipt gave the same body")
	}
	if string(a.Payload) != string(b.Payload) {
		t.Error("the payload must not depend on randomness")
	}
	ga, gb := gjson.Parse(a.Request.Body), gjson.Parse(b.Request.Body)
	if ga.Get("aab").Str == gb.Get("aab").Str || ga.Get("dde").Str[:120] == gb.Get("dde").Str[:120] {
		t.Error("key or IV reused")
	}
	// All randomness comes from Options.Rand: the same seed gives the same bytes.
	c, _ := nanokassa.New().Build(r, provider.Options{Test: true, Config: json.RawMessage(section), Rand: seeded(9)})
	if c.Request.Body != a.Request.Body {
		t.Error("the same random stream must give the same body (randomness from another source?)")
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("entropy exhausted") }

func TestRandomSourceFailure(t *testing.T) {
	for _, rnd := range []any{nil, failingReader{}} {
		o := provider.Options{Test: true, Config: json.RawMessage(section)}
		if rnd != nil {
			o.Rand = rnd.(failingReader)
		}
		b, p := nanokassa.New().Build(sale(line("x", 100, 1000)), o)
		if !p.HasErrors() || p[0].Code != nanokassa.CodeEncryption || b.Request.Body != "" {
			t.Errorf("rand %v: %v", rnd, p)
		}
		for _, pr := range p {
			if strings.Contains(pr.Message, testToken) {
				t.Error("token in message")
			}
		}
	}
	if _, _, err := nanokassa.Seal(nil, nil, nil, seeded(1)); err == nil {
		t.Error("Seal without a key")
	}
	_ = receipt.CodeRequired
}
