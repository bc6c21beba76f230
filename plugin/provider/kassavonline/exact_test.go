package kassavonline

import (
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

func TestExactProduct(t *testing.T) {
	for _, c := range []struct {
		price receipt.Money
		q     receipt.Qty
		total receipt.Money
		exact string
		ok    bool
	}{
		{7095, 2000, 14190, "141.9", true},
		{12000, 1500, 18000, "180", true},
		{99, 1500, 149, "1.485", false},    // 0.99 × 1.5 = 1.485: no kopeck amount
		{99, 1500, 148, "1.485", false},    // rounded down is not it either
		{1000, 333, 333, "3.33", true},     // 10.00 × 0.333 = 3.33
		{1001, 333, 333, "3.33333", false}, // 10.01 × 0.333 = 3.33333
		{8840, 1250, 11050, "110.5", true},
		{7095, 2000, 14191, "141.9", false}, // total off by a kopeck
		{0, 1000, 0, "0", true},
		{receipt.MaxMoney, receipt.MaxQty, 0, "", false}, // huge, no overflow
	} {
		d, ok := exactProduct(c.price, c.q, c.total)
		if ok != c.ok || (c.exact != "" && d.String() != c.exact) {
			t.Errorf("%v × %v: %s %v, want %s %v", c.price, c.q, d, ok, c.exact, c.ok)
		}
	}
}

func TestCheckExactProblem(t *testing.T) {
	var p receipt.Problems
	checkExact(receipt.Line{Price: 99, Quantity: 1500, Total: 149, Path: "order.items[4]"}, &p)
	pr := one(t, p)
	if pr.Code != CodeInexactLine || pr.Path != "order.items[4]" || pr.Params["exact"] != "1.485" ||
		pr.Params["price"] != "0.99" || pr.Params["quantity"] != "1.5" || pr.Params["total"] != "1.49" {
		t.Fatalf("%+v", pr)
	}
}
