package parity

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/engine"
	"github.com/tidwall/gjson"
)

// benchInput is a build input of n lines for ITKassa (no encryption, so the
// numbers measure kopeck, not RSA): goods with whole and weight quantities,
// a coupon and shipping.
func benchInput(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"settings":` + providerSettings["itkassa"][:len(providerSettings["itkassa"])-1] + `,"test":false},"source":"generic","order":{"id":"bench","items":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		q := fmt.Sprint(1 + i%3)
		if i%4 == 3 {
			q = fmt.Sprintf("0.%03d", 333+i%600)
		}
		fmt.Fprintf(&b, `{"name":"Товар %d","price":"%d.%02d","quantity":"%s","vat":"vat20"}`, i, 99+i%900, i%100, q)
	}
	b.WriteString(`],"discounts":[{"amount":"1.00"}],"customer":{"email":"a@b.ru"}}}`)
	return []byte(b.String())
}

func mustBuild(b *testing.B, out []byte) {
	if !gjson.GetBytes(out, "request").Exists() {
		b.Fatalf("build failed: %.400s", out)
	}
}

func benchNative(b *testing.B, n int) {
	in := benchInput(n)
	out, err := engine.Call("build", in, engine.Env{Rand: rand.Reader})
	if err != nil {
		b.Fatal(err)
	}
	mustBuild(b, out)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		engine.Call("build", in, engine.Env{Rand: rand.Reader})
	}
}

func benchWasm(b *testing.B, export string, in []byte) {
	h := wasm(b)
	ctx := context.Background()
	out, err := h.Call(ctx, export, in)
	if err != nil {
		b.Fatal(err)
	}
	if export == "build" {
		mustBuild(b, out)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := h.Call(ctx, export, in); err != nil {
			b.Fatal(err)
		}
	}
}

// The issue-4 set: compare wasm with native + noop (the floor of a call).
//
//	go test ./internal/parity -run '^$' -bench . -count 6 | tee bench.txt; benchstat bench.txt
func BenchmarkBuild10Native(b *testing.B)   { benchNative(b, 10) }
func BenchmarkBuild10Wasm(b *testing.B)     { benchWasm(b, "build", benchInput(10)) }
func BenchmarkNoopWasm(b *testing.B)        { benchWasm(b, "noop", nil) }
func BenchmarkBuild1000Native(b *testing.B) { benchNative(b, 1000) }
func BenchmarkBuild1000Wasm(b *testing.B)   { benchWasm(b, "build", benchInput(1000)) }
