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
)

// open decrypts one layer as Nanokassa's server would: base64-decode both
// fields, split data into mac (64 bytes) ‖ IV (16) ‖ ciphertext, check
// HMAC-SHA512(hmacKey, IV ‖ ciphertext), unwrap the AES key with
// RSA-OAEP-SHA1 and decrypt AES-256-CTR. Written independently of the
// builder's Seal, so that a round trip tests both against the document.
func open(keyField, dataField string, priv *rsa.PrivateKey, hmacKey []byte) ([]byte, error) {
	wrapped, err := base64.StdEncoding.DecodeString(keyField)
	if err != nil {
		return nil, errors.New("key field is not base64")
	}
	if len(wrapped) != priv.Size() {
		return nil, errors.New("key field is not one RSA block")
	}
	data, err := base64.StdEncoding.DecodeString(dataField)
	if err != nil {
		return nil, errors.New("data field is not base64")
	}
	if len(data) < sha512.Size+aes.BlockSize {
		return nil, errors.New("data field is shorter than mac and IV")
	}
	tag := data[:sha512.Size]
	iv := data[sha512.Size : sha512.Size+aes.BlockSize]
	ct := data[sha512.Size+aes.BlockSize:]
	m := hmac.New(sha512.New, hmacKey)
	m.Write(data[sha512.Size:])
	if !hmac.Equal(tag, m.Sum(nil)) {
		return nil, errors.New("HMAC check failed")
	}
	key, err := rsa.DecryptOAEP(sha1.New(), nil, priv, wrapped, nil)
	if err != nil {
		return nil, errors.New("RSA-OAEP (SHA-1) decryption failed")
	}
	if len(key) != 32 {
		return nil, errors.New("the AES key is not 256 bits")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(ct))
	cipher.NewCTR(block, iv).XORKeyStream(out, ct)
	return out, nil
}
