package nanokassa

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha512"
	"encoding/base64"
	"strings"
	"testing"
)

// seal builds one layer by hand, as the document describes it.
func seal(t *testing.T, plain []byte, pub *rsa.PublicKey, hmacKey []byte) (string, string) {
	t.Helper()
	key, iv := make([]byte, 32), make([]byte, 16)
	rand.Read(key)
	rand.Read(iv)
	block, _ := aes.NewCipher(key)
	ct := make([]byte, len(plain))
	cipher.NewCTR(block, iv).XORKeyStream(ct, plain)
	m := hmac.New(sha512.New, hmacKey)
	m.Write(append(append([]byte{}, iv...), ct...))
	wrapped, err := rsa.EncryptOAEP(sha1.New(), rand.Reader, pub, key, nil)
	if err != nil {
		t.Fatal(err)
	}
	data := append(append(m.Sum(nil), iv...), ct...)
	return base64.StdEncoding.EncodeToString(wrapped), base64.StdEncoding.EncodeToString(data)
}

func TestOpen(t *testing.T) {
	s := testSim(t)
	hk := s.HMACKey(0)
	k, d := seal(t, []byte(`{"привет":1}`), &s.PrivateKey(0).PublicKey, hk)
	got, err := open(k, d, s.PrivateKey(0), hk)
	if err != nil || string(got) != `{"привет":1}` {
		t.Fatalf("%q %v", got, err)
	}
	raw, _ := base64.StdEncoding.DecodeString(d)
	raw[len(raw)-1] ^= 1
	tampered := base64.StdEncoding.EncodeToString(raw)
	cases := map[string][2]string{
		"HMAC":          {k, tampered},
		"base64":        {"%%%", d},
		"RSA block":     {base64.StdEncoding.EncodeToString([]byte("short")), d},
		"shorter":       {k, base64.StdEncoding.EncodeToString(make([]byte, 70))},
		"RSA-OAEP":      {base64.StdEncoding.EncodeToString(make([]byte, 256)), d},
		"data field is": {k, "***"},
	}
	for want, in := range cases {
		if _, err := open(in[0], in[1], s.PrivateKey(0), hk); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", want, err)
		}
	}
	if _, err := open(k, d, s.PrivateKey(0), s.HMACKey(1)); err == nil {
		t.Error("the other layer's HMAC key must fail")
	}
}
