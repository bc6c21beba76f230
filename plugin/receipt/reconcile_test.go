package receipt

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func rules() Rules {
	r := DefaultRules()
	r.TaxSystem = USNIncome
	r.Deliver = DeliverPrint
	return r
}

func money(m Money) *Money { return &m }

func TestSpreadLargestRemainder(t *testing.T) {
	cases := []struct {
		amount  Money
		weights []Money
		want    []Money
	}{
		{100, []Money{10000, 5000}, []Money{67, 33}},
		{1000, []Money{3000, 3000, 4000}, []Money{300, 300, 400}},
		{2, []Money{100, 100, 100}, []Money{1, 1, 0}}, // ties: earlier line first
		{5, []Money{0, 10, 0}, []Money{0, 5, 0}},
		{10, []Money{10}, []Money{10}},
	}
	for _, c := range cases {
		if got := Spread(c.amount, c.weights); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Spread(%d, %v) = %v, want %v", c.amount, c.weights, got, c.want)
		}
	}
}

func TestFit(t *testing.T) {
	cases := []struct {
		name   string
		amount Money
		q      Qty
		listed Money
		want   []Part
	}{
		{"issue example: 3 for 100.00", 10000, 3000, 10000, []Part{{3333, 2000}, {3334, 1000}}},
		{"nanokassa example: 2 × 70.955", 14191, 2000, 7744, []Part{{7095, 1000}, {7096, 1000}}},
		{"divides", 284, 2000, 155, []Part{{142, 2000}}},
		{"listed price kept", 5000, 500, 9999, []Part{{9999, 500}}},
		{"weight 0.333", 3330, 333, 10000, []Part{{10000, 333}}},
		{"weight 0.5 discounted", 4321, 500, 9999, []Part{{8642, 500}}},
		{"zero amount", 0, 3000, 500, []Part{{0, 3000}}},
	}
	for _, c := range cases {
		got := Fit(c.amount, c.q, c.listed)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Fit = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestFitAlwaysExact checks Fit's contract over many amounts and quantities,
// including fractional quantities above one unit that need a split.
func TestFitAlwaysExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		q := Qty(1 + rng.IntN(20000))
		amount := Money(rng.IntN(2_000_000))
		parts := Fit(amount, q, Money(rng.IntN(200000)))
		var sq Qty
		var sa Money
		for _, p := range parts {
			if p.Price < 0 || p.Quantity <= 0 {
				t.Fatalf("Fit(%d, %d) gave %v", amount, q, parts)
			}
			sq += p.Quantity
			sa += Amount(p.Price, p.Quantity)
		}
		if len(parts) > 2 || sq != q || sa != amount {
			t.Fatalf("Fit(%d, %d) = %v: quantities %d, amounts %d", amount, q, parts, sq, sa)
		}
		if q.IsWhole() {
			for _, p := range parts {
				if !p.Quantity.IsWhole() {
					t.Fatalf("whole quantity split into fractions: %v", parts)
				}
			}
		}
	}
}

func item(name string, price Money, q Qty) Item {
	return Item{Name: name, Price: price, Quantity: q}
}

func TestReconcileNanokassaExample(t *testing.T) {
	o := Order{ID: "51", Items: []Item{
		{Name: "Name of product 1", Price: 7744, Quantity: 2000, Discount: 1297},
		{Name: "Name of product 2", Price: 155, Quantity: 2000, Discount: 26},
		{Name: "Name of product 3 (marking)", Price: 2277, Quantity: 1000, Discount: 191},
		{Name: "Delivery by some transport company", Price: 30000, Quantity: 1000, Type: Shipping},
	}}
	r, p := Reconcile(o, rules())
	if p.HasErrors() {
		t.Fatal(p)
	}
	if bad := Check(r); bad != nil {
		t.Fatal(bad)
	}
	if r.Total != 46561 || len(r.Lines) != 5 {
		t.Fatalf("total %v, %d lines", r.Total, len(r.Lines))
	}
	first := r.Lines[:2]
	if first[0].Price != 7095 || first[1].Price != 7096 || first[0].Item != 0 || first[1].Item != 0 {
		t.Errorf("split: %+v", first)
	}
	if first[0].Discount+first[1].Discount != 1297 {
		t.Errorf("split discounts %d + %d != 12.97", first[0].Discount, first[1].Discount)
	}
	if !slices.Contains(p.Codes(), CodeLineSplit) {
		t.Errorf("no split warning: %v", p.Codes())
	}
	if r.Lines[4].VAT != VATNone || r.Lines[4].Subject != Service || r.Lines[0].Subject != Commodity {
		t.Errorf("defaults: %+v", r.Lines[4])
	}
	if len(r.Payments) != 1 || r.Payments[0] != (Payment{Type: Electronic, Amount: 46561}) {
		t.Errorf("payments %+v", r.Payments)
	}
}

func TestReconcileCouponLeavesShipping(t *testing.T) {
	o := Order{Items: []Item{item("A", 10000, 3000), item("B", 5000, 1000), {Name: "Ship", Price: 30000, Quantity: 1000, Type: Shipping}},
		Discounts: []Discount{{Amount: 1000}}}
	r, p := Reconcile(o, rules())
	if p.HasErrors() {
		t.Fatal(p)
	}
	if bad := Check(r); bad != nil {
		t.Fatal(bad)
	}
	// Goods 300.00 + 50.00 share the 10.00 coupon: 1000 × 300/350 = 857.14
	// and 1000 × 50/350 = 142.86 kopecks; floors 857 + 142 leave one kopeck
	// for the larger remainder (B: .86 > A: .14): A takes 8.57 → 291.43 =
	// 2 × 97.14 + 1 × 97.15, B takes 1.43 → 48.57. Shipping keeps 300.00.
	want := []Money{19428, 9715, 4857, 30000}
	var got []Money
	for _, l := range r.Lines {
		got = append(got, l.Total)
	}
	if !reflect.DeepEqual(got, want) || r.Total != 64000 {
		t.Errorf("totals %v, total %v", got, r.Total)
	}
	rs := rules()
	rs.IncludeShipping = true
	r, _ = Reconcile(o, rs)
	if r.Lines[len(r.Lines)-1].Total == 30000 {
		t.Error("include_shipping: shipping took no share")
	}
}

func TestReconcileShippingAbsorbsWhenNothingElseCan(t *testing.T) {
	o := Order{Items: []Item{{Name: "Gift", Price: 0, Quantity: 1000}, {Name: "Ship", Price: 50000, Quantity: 1000, Type: Shipping}},
		Discounts: []Discount{{Amount: 10000}}}
	r, p := Reconcile(o, rules())
	if p.HasErrors() || r.Total != 40000 || Check(r) != nil {
		t.Fatalf("%v %+v", p, r)
	}
}

func TestReconcileErrors(t *testing.T) {
	cases := []struct {
		name string
		o    Order
		code string
		path string
	}{
		{"discount above goods", Order{Items: []Item{item("A", 1000, 1000), {Name: "S", Price: 5000, Quantity: 1000, Type: Shipping}},
			Discounts: []Discount{{Amount: 1001}}}, CodeDiscountTooLarge, "order.discounts"},
		{"line discount above amount", Order{Items: []Item{{Name: "A", Price: 1000, Quantity: 1000, Discount: 1001}}}, CodeDiscountTooLarge, "order.items[0].discount"},
		{"line total above amount", Order{Items: []Item{{Name: "A", Price: 1000, Quantity: 1000, Total: money(1001)}}}, CodeLineTotal, "order.items[0].total"},
		{"paid far off", Order{Items: []Item{item("A", 100000, 1000)}, Paid: money(90000)}, CodeTotalMismatch, "order.total"},
		{"payments off", Order{Items: []Item{item("A", 1000, 1000)}, Paid: money(1000), Payments: []Payment{{Type: Cash, Amount: 900}}}, CodePaymentsMismatch, "order.payments"},
		{"no items", Order{}, CodeNoItems, "order.items"},
	}
	for _, c := range cases {
		r, p := Reconcile(c.o, rules())
		if r != nil || !p.HasErrors() {
			t.Errorf("%s: no error", c.name)
			continue
		}
		e := p.Errors()[0]
		if e.Code != c.code || e.Path != c.path {
			t.Errorf("%s: got %s at %s (%s), want %s at %s", c.name, e.Code, e.Path, e.Message, c.code, c.path)
		}
	}
	_, p := Reconcile(Order{Items: []Item{item("A", 100000, 1000)}, Paid: money(90000)}, rules())
	if m := p[0].Message; m != "lines add up to 1000.00 but the paid amount is 900.00: difference -100.00 exceeds the tolerance 1.00" {
		t.Errorf("message names both sums: %q", m)
	}
}

func TestReconcileWithinTolerance(t *testing.T) {
	for _, paid := range []Money{2995, 3005} {
		o := Order{Items: []Item{item("A", 1000, 1000), item("B", 2000, 1000)}, Paid: money(paid)}
		r, p := Reconcile(o, rules())
		if p.HasErrors() || r.Total != paid || Check(r) != nil {
			t.Fatalf("paid %v: %v %v", paid, p, Check(r))
		}
		if !slices.Contains(p.Codes(), CodeAdjusted) {
			t.Errorf("paid %v: no total_adjusted warning", paid)
		}
	}
}

func TestReconcileLeavesReconciledLinesAlone(t *testing.T) {
	o := Order{Items: []Item{item("Milk", 8999, 2000), item("Cheese", 45050, 1500), item("Salt", 1999, 333)}}
	r, p := Reconcile(o, rules())
	if p.HasErrors() || len(p) != 0 {
		t.Fatal(p)
	}
	for i, l := range r.Lines {
		it := o.Items[i]
		if l.Price != it.Price || l.Quantity != it.Quantity || l.Discount != 0 {
			t.Errorf("line %d changed: %+v", i, l)
		}
	}
}

// TestReconcileProperties runs thousands of random orders: each either
// reconciles with every invariant holding, or comes back with an error.
func TestReconcileProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	ok, failed := 0, 0
	for n := 0; n < 5000; n++ {
		o := randomOrder(rng)
		rs := rules()
		rs.IncludeShipping = rng.IntN(4) == 0
		r, p := Reconcile(o, rs)
		if p.HasErrors() {
			if r != nil {
				t.Fatal("receipt with errors")
			}
			failed++
			continue
		}
		ok++
		if bad := Check(r); bad != nil {
			t.Fatalf("order %d: %v\n%+v", n, bad, o)
		}
		checkAgainstOrder(t, o, r, rs)
	}
	if ok < 3000 {
		t.Errorf("only %d of %d random orders reconciled (%d errors): the generator is off", ok, ok+failed, failed)
	}
}

func randomOrder(rng *rand.Rand) Order {
	var o Order
	n := 1 + rng.IntN(8)
	var sum Money
	for i := 0; i < n; i++ {
		it := Item{Name: "item", Price: Money(rng.IntN(500000)), Quantity: Qty(1+rng.IntN(5)) * QtyUnit}
		if rng.IntN(3) == 0 {
			it.Quantity = Qty(1 + rng.IntN(5000)) // weight goods
		}
		if rng.IntN(5) == 0 {
			it.Type = Shipping
		}
		g := Amount(it.Price, it.Quantity)
		if g > 0 && rng.IntN(3) == 0 {
			it.Discount = Money(rng.Int64N(int64(g)))
		}
		sum += g - it.Discount
		o.Items = append(o.Items, it)
	}
	if sum > 0 && rng.IntN(2) == 0 {
		o.Discounts = []Discount{{Amount: Money(rng.Int64N(int64(sum)))}}
		sum -= o.Discounts[0].Amount
	}
	if rng.IntN(2) == 0 {
		paid := sum + Money(rng.IntN(301)-150) // a few kopecks, sometimes beyond the tolerance
		if paid >= 0 {
			o.Paid = &paid
		}
	}
	return o
}

// checkAgainstOrder checks what Check cannot know: the receipt keeps the
// order's quantities per item and its paid amount, and discounts only lower
// lines unless a surplus was spread.
func checkAgainstOrder(t *testing.T, o Order, r *Receipt, rs Rules) {
	t.Helper()
	qty := make([]Qty, len(o.Items))
	parts := make([]int, len(o.Items))
	for _, l := range r.Lines {
		qty[l.Item] += l.Quantity
		parts[l.Item]++
	}
	for i, it := range o.Items {
		if qty[i] != it.Quantity || parts[i] < 1 || parts[i] > 2 {
			t.Fatalf("item %d: quantity %d in %d parts, want %d", i, qty[i], parts[i], it.Quantity)
		}
	}
	if o.Paid != nil && r.Total != *o.Paid {
		t.Fatalf("total %v, paid %v", r.Total, *o.Paid)
	}
	if o.Paid != nil {
		var lines Money
		for i, it := range o.Items {
			_ = i
			lines += Amount(it.Price, it.Quantity) - it.Discount
		}
		for _, d := range o.Discounts {
			lines -= d.Amount
		}
		diff := *o.Paid - lines
		if diff < -rs.Tolerance || diff > rs.Tolerance {
			t.Fatalf("difference %v beyond the tolerance was accepted", diff)
		}
	}
}

// benchOrder is an order of n lines with weight goods, split-prone
// quantities, a coupon and a paid amount a kopeck off.
func benchOrder(n int) Order {
	o := Order{ID: "bench"}
	var sum Money
	for i := 0; i < n; i++ {
		it := Item{Name: "Товар", Price: Money(9999 + 37*i), Quantity: Qty(1+i%3) * QtyUnit}
		if i%4 == 3 {
			it.Quantity = Qty(333 + i%700)
		}
		sum += Amount(it.Price, it.Quantity)
		o.Items = append(o.Items, it)
	}
	o.Discounts = []Discount{{Amount: sum / 10}}
	paid := sum - sum/10 - 1
	o.Paid = &paid
	return o
}

func benchmarkReconcile(b *testing.B, n int) {
	o, rs := benchOrder(n), rules()
	if r, p := Reconcile(o, rs); p.HasErrors() || Check(r) != nil {
		b.Fatal(p, Check(r))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Reconcile(o, rs)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
}

// BenchmarkReconcile10 and BenchmarkReconcile1000 show that the cost grows
// linearly with the lines: compare their ns/line.
func BenchmarkReconcile10(b *testing.B)   { benchmarkReconcile(b, 10) }
func BenchmarkReconcile1000(b *testing.B) { benchmarkReconcile(b, 1000) }
