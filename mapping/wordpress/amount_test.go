package wordpress

import (
	"math/rand"
	"testing"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/shopspring/decimal"
)

func TestUnitPrice(t *testing.T) {
	cases := []struct {
		before  receipt.Money
		q       receipt.Qty
		atLeast receipt.Money
		want    receipt.Money
	}{
		{10000, 3000, 10000, 3334}, // 33.33 × 3 = 99.99 < 100.00: raised to 33.34
		{10000, 3000, 9000, 3333},  // a discount leaves room: 33.33 half up stays
		{645, 2000, 645, 323},      // 3.225 half up
		{31111 * 3, 3000, 93332, 31111},
		{26243, 750, 26243, 34991}, // 349.9067 → 349.91; × 0.75 = 262.4325 → 262.43
		{1000, 1500, 1000, 667},    // 6.6667 → 6.67; × 1.5 = 10.005 → 10.01
		{1000, 1000, 1001, 1001},   // total above subtotal (tax rounding): raised to carry it
		{0, 1000, 0, 0},            // a free line
		{100, 333, 100, 300},       // 1.00 / 0.333 = 3.003 → 3.00; × 0.333 = 0.999 → 1.00
		{100, 3000, 100, 34},       // 0.3333 → 0.33 × 3 = 0.99 < 1.00: 0.34
		{1, 7000, 1, 1},            // 0.0014 → 0.00: raised to 0.01
		{0, 1000, 5, 5},            // nothing before, 0.05 after: the price carries the total
		{receipt.MaxMoney, 1000, receipt.MaxMoney, receipt.MaxMoney},
	}
	for _, c := range cases {
		if got := unitPrice(c.before, c.q, c.atLeast); got != c.want {
			t.Errorf("unitPrice(%s, %s, %s) = %s, want %s", c.before, c.q, c.atLeast, got, c.want)
		}
	}
}

// Properties of unitPrice over many random lines: the amount always reaches
// the total; the price is before / q half up unless that is too low, and then
// it is the smallest price that reaches the total.
func TestUnitPriceProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(54))
	for i := 0; i < 200000; i++ {
		before := receipt.Money(rng.Int63n(2_000_000))
		q := receipt.Qty(1 + rng.Int63n(20_000))
		if rng.Intn(2) == 0 {
			q = receipt.Qty(1+rng.Int63n(9)) * receipt.QtyUnit
		}
		atLeast := before - receipt.Money(rng.Int63n(500)) + 3
		if atLeast < 0 {
			atLeast = 0
		}
		p := unitPrice(before, q, atLeast)
		if receipt.Amount(p, q) < atLeast {
			t.Fatalf("unitPrice(%d, %d, %d) = %d: amount below the total", before, q, atLeast, p)
		}
		// before × 1000 / q half up, in exact integers.
		half := receipt.Money((int64(before)*2000 + int64(q)) / (2 * int64(q)))
		switch {
		case receipt.Amount(half, q) >= atLeast && p != half:
			t.Fatalf("unitPrice(%d, %d, %d) = %d, want %d", before, q, atLeast, p, half)
		case receipt.Amount(half, q) < atLeast && (p <= half || receipt.Amount(p-1, q) >= atLeast):
			t.Fatalf("unitPrice(%d, %d, %d) = %d is not the smallest raised price", before, q, atLeast, p)
		}
	}
}

func TestKopecks(t *testing.T) {
	cases := []struct {
		in     string
		want   receipt.Money
		warned bool
		ok     bool
	}{
		{"89.991", 8999, true, true},
		{"10.005", 1001, true, true}, // half up
		{"10.0049999", 1000, true, true},
		{"10.00", 1000, false, true},
		{"0.9", 90, false, true},
		{"12.3456", 1235, true, true},
		{"10000000000000000.01", 0, false, false}, // above MaxMoney
	}
	for _, c := range cases {
		var p receipt.Problems
		got, ok := kopecks(decimal.RequireFromString(c.in), "x", &p)
		if got != c.want || ok != c.ok || has(p, receipt.SeverityWarning, CodeRounded, "x") != c.warned {
			t.Errorf("kopecks(%s) = %s, %v, %v", c.in, got, ok, p)
		}
		if !c.ok && !has(p, receipt.SeverityError, receipt.CodeTooLarge, "x") {
			t.Errorf("kopecks(%s): %v", c.in, p)
		}
	}
}

func TestExactAndQuantity(t *testing.T) {
	var p receipt.Problems
	if m, ok := exact(decimal.RequireFromString("2299.50"), "a", &p); !ok || m != 229950 {
		t.Errorf("exact: %s %v", m, ok)
	}
	exact(decimal.RequireFromString("1.001"), "b", &p)
	exact(decimal.RequireFromString("-1"), "c", &p)
	exact(decimal.RequireFromString("1e19"), "d", &p)
	if q, ok := quantity(decimal.RequireFromString("0.333"), "e", &p); !ok || q != 333 {
		t.Errorf("quantity: %s %v", q, ok)
	}
	quantity(decimal.RequireFromString("1.2345"), "f", &p)
	quantity(decimal.RequireFromString("-2"), "g", &p)
	quantity(decimal.RequireFromString("1e12"), "h", &p)
	for _, w := range []struct{ code, path string }{
		{receipt.CodeTooManyDecimals, "b"}, {receipt.CodeNegative, "c"}, {receipt.CodeTooLarge, "d"},
		{receipt.CodeTooManyDecimals, "f"}, {receipt.CodeNegative, "g"}, {receipt.CodeTooLarge, "h"},
	} {
		if !has(p, receipt.SeverityError, w.code, w.path) {
			t.Errorf("missing %s at %s in %v", w.code, w.path, p)
		}
	}
	if len(p) != 6 {
		t.Errorf("problems %v", p)
	}
}

func TestNumber(t *testing.T) {
	var p receipt.Problems
	o, _ := jsonin.Parse([]byte(`{"a":"12.30","b":12.3,"c":"","d":null,"e":"x","f":1e21,"g":"1e-41","h":[1]}`), "o", &p)
	check := func(name, want string, given, ok bool) {
		t.Helper()
		d, g, k := number(o, name)
		if g != given || k != ok || (ok && d.String() != want) {
			t.Errorf("%s: %s %v %v", name, d, g, k)
		}
	}
	check("a", "12.3", true, true)
	check("b", "12.3", true, true)
	check("c", "0", false, true) // "" is WooCommerce's empty tax subtotal
	check("d", "0", false, true)
	check("missing", "0", false, true)
	check("e", "", true, false)
	check("f", "", true, false) // exponent 21
	check("g", "", true, false) // exponent −41
	check("h", "", true, false)
	for _, path := range []string{"o.e", "o.f", "o.g", "o.h"} {
		if !has(p, receipt.SeverityError, receipt.CodeNotNumber, path) {
			t.Errorf("missing not_a_number at %s: %v", path, p)
		}
	}
	if d, ok := sum(o, "a", "b", "missing"); !ok || d.String() != "24.6" {
		t.Errorf("sum %s %v", d, ok)
	}
}
