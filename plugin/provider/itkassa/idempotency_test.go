package itkassa

import (
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// The expected keys were computed independently with Python's uuid module:
//
//	ns = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/kopeck/kopeck/itkassa/idempKey")
//	uuid.uuid5(ns, "7:itkassa,36:<cre>,4:1042,4:sale,")
func TestIdempKeyVectors(t *testing.T) {
	if got := uuid5("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "https://github.com/kopeck/kopeck/itkassa/idempKey"); got != KeyNamespace {
		t.Fatalf("namespace %s, want %s", got, KeyNamespace)
	}
	// RFC 9562 DNS namespace vector (checked with Python).
	if got := uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com"); got != "2ed6657d-e927-568b-95e1-2665a8aea6a2" {
		t.Fatalf("uuid5 DNS vector: %s", got)
	}
	cases := []struct {
		order string
		kind  receipt.Kind
		want  string
	}{
		{"1042", receipt.KindSale, "e587cc20-c627-592c-a9bc-d1fdc9c18666"},
		{"Заказ №7", receipt.KindSaleRefund, "0e20e821-6031-55f3-8fad-f58ffc8e2734"},
	}
	for _, c := range cases {
		if got := IdempKey(testCre, c.order, c.kind); got != c.want {
			t.Errorf("IdempKey(%q, %s) = %s, want %s", c.order, c.kind, got, c.want)
		}
	}
}

func TestIdempKeyStableAndDistinct(t *testing.T) {
	a := IdempKey(testCre, "1042", receipt.KindSale)
	for i := 0; i < 3; i++ {
		if IdempKey(testCre, "1042", receipt.KindSale) != a {
			t.Fatal("key not stable")
		}
	}
	if !IsGUID(a) || a[14] != '5' || (a[19] != '8' && a[19] != '9' && a[19] != 'a' && a[19] != 'b') {
		t.Fatalf("%s is not a v5 UUID", a)
	}
	seen := map[string]string{a: "base"}
	others := map[string]string{
		"refund":   IdempKey(testCre, "1042", receipt.KindSaleRefund),
		"purchase": IdempKey(testCre, "1042", receipt.KindPurchase),
		"order":    IdempKey(testCre, "1043", receipt.KindSale),
		"cashbox":  IdempKey("9366f6f6-cba1-7826-5d9f-59c176822a6c", "1042", receipt.KindSale),
		// netstrings keep ("ab","c") apart from ("a","bc")
		"split1": IdempKey("ab", "c", receipt.KindSale),
		"split2": IdempKey("a", "bc", receipt.KindSale),
	}
	for name, k := range others {
		if prev, dup := seen[k]; dup {
			t.Fatalf("%s and %s share key %s", name, prev, k)
		}
		seen[k] = name
	}
}

func TestBuildUsesIdempKey(t *testing.T) {
	b1, p := New().Build(sale(), opts())
	if p.HasErrors() {
		t.Fatal(p)
	}
	b2, _ := New().Build(sale(), opts())
	if string(b1.Payload) != string(b2.Payload) {
		t.Fatal("Build is not deterministic")
	}
	doc := decode(t, b1.Payload)
	if doc["idempKey"] != "e587cc20-c627-592c-a9bc-d1fdc9c18666" {
		t.Fatalf("idempKey %v", doc["idempKey"])
	}
	r := sale()
	r.Kind = receipt.KindSaleRefund
	b3, _ := New().Build(r, opts())
	if decode(t, b3.Payload)["idempKey"] == doc["idempKey"] {
		t.Fatal("refund shares the sale's key")
	}
}
