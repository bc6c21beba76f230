package nanokassa

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"io"

	"github.com/kopeck/kopeck/internal/jsonout"
)

// Sizes of one encryption layer.
const (
	AESKeySize = 32 // AES-256
	IVSize     = 16 // the initial counter block
	MACSize    = sha512.Size
)

// Envelope1 is the first layer's envelope: the encrypted receipt with the
// credentials in clear, which the second layer encrypts again.
type Envelope1 struct {
	AB         string `json:"ab"`
	DE         string `json:"de"`
	KassaID    string `json:"kassaid"`
	KassaToken string `json:"kassatoken"`
	CheckType  string `json:"check_type"`
	Test       string `json:"test"`
}

// Envelope2 is the request body.
type Envelope2 struct {
	AAB  string `json:"aab"`
	DDE  string `json:"dde"`
	Test string `json:"test"`
}

// Seal encrypts plain for one layer: a fresh AES-256 key and IV from rnd,
// AES-256-CTR, mac = HMAC-SHA512(hmacKey, IV ‖ ciphertext), and returns the
// key field base64(RSA-OAEP-SHA1(AES key)) and the data field
// base64(mac ‖ IV ‖ ciphertext). Every random byte comes from rnd (the
// AES key, the IV, then the OAEP seed).
func Seal(plain []byte, pub *rsa.PublicKey, hmacKey []byte, rnd io.Reader) (keyField, dataField string, err error) {
	if rnd == nil {
		return "", "", errors.New("no random source")
	}
	if pub == nil {
		return "", "", errors.New("no public key")
	}
	secret := make([]byte, AESKeySize+IVSize)
	if _, err := io.ReadFull(rnd, secret); err != nil {
		return "", "", errors.New("the random source failed")
	}
	key, iv := secret[:AESKeySize], secret[AESKeySize:]
	block, err := aes.NewCipher(key)
	if err != nil {
		return "", "", err
	}
	ct := make([]byte, len(plain))
	cipher.NewCTR(block, iv).XORKeyStream(ct, plain)
	mac := hmac.New(sha512.New, hmacKey)
	mac.Write(iv)
	mac.Write(ct)
	data := make([]byte, 0, MACSize+IVSize+len(ct))
	data = append(mac.Sum(data), iv...)
	data = append(data, ct...)
	wrapped, err := rsa.EncryptOAEP(sha1.New(), rnd, pub, key, nil)
	if err != nil {
		return "", "", errors.New("RSA-OAEP encryption failed")
	}
	return base64.StdEncoding.EncodeToString(wrapped), base64.StdEncoding.EncodeToString(data), nil
}

// envelope encrypts the inner payload twice and returns the body JSON.
func envelope(inner []byte, c config, test string, rnd io.Reader) ([]byte, error) {
	ab, de, err := Seal(inner, c.Layers[0].Pub, c.Layers[0].HMAC, rnd)
	if err != nil {
		return nil, err
	}
	e1, err := jsonout.Marshal(Envelope1{AB: ab, DE: de, KassaID: c.KassaID, KassaToken: c.KassaToken, CheckType: CheckType, Test: test})
	if err != nil {
		return nil, err
	}
	aab, dde, err := Seal(e1, c.Layers[1].Pub, c.Layers[1].HMAC, rnd)
	if err != nil {
		return nil, err
	}
	return jsonout.Marshal(Envelope2{AAB: aab, DDE: dde, Test: test})
}
