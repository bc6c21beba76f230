package itkassa

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// KeyNamespace is the namespace of kopeck's ITKassa idempotency keys:
// the name-based UUID v5 of "https://github.com/kopeck/kopeck/itkassa/idempKey"
// in the RFC 9562 URL namespace.
const KeyNamespace = "7a0a2676-b064-5cfb-9452-2e582dc943f7"

// IdempKey returns the idempKey of a receipt: the UUID v5 (SHA-1, RFC 9562)
// in KeyNamespace of the name
//
//	netstring("itkassa") netstring(creItemID) netstring(orderID) netstring(kind)
//
// where netstring(s) is len(s) in bytes, ":", s, "," — so no two different
// inputs share a name. The same order of the same kind on the same cashbox
// always gets the same key, and ITKassa ignores a second document with a
// key it has seen: a retried request never prints a second receipt. The
// refund of an order has another kind, hence another key.
func IdempKey(creItemID, orderID string, kind receipt.Kind) string {
	name := netstring("itkassa") + netstring(creItemID) + netstring(orderID) + netstring(string(kind))
	return uuid5(KeyNamespace, name)
}

func netstring(s string) string { return strconv.Itoa(len(s)) + ":" + s + "," }

// uuid5 computes a name-based UUID with SHA-1. ns must be a valid UUID.
func uuid5(ns, name string) string {
	nsb, _ := hex.DecodeString(ns[0:8] + ns[9:13] + ns[14:18] + ns[19:23] + ns[24:36])
	h := sha1.New()
	h.Write(nsb)
	h.Write([]byte(name))
	sum := h.Sum(nil)[:16]
	sum[6] = sum[6]&0x0f | 0x50 // version 5
	sum[8] = sum[8]&0x3f | 0x80 // RFC 9562 variant
	x := hex.EncodeToString(sum)
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}
