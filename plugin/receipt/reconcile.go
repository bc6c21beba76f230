package receipt

import (
	"cmp"
	"slices"
	"strconv"
)

// Reconcile validates and normalises an order (see Normalize) and turns it
// into a receipt whose kopecks add up exactly; the rules are in doc.go.
// When the problems contain an error the receipt is nil.
func Reconcile(o Order, rules Rules) (*Receipt, Problems) {
	o, p := Normalize(o, rules)
	if p.HasErrors() {
		return nil, p
	}
	root := pathOr(o.Path, "order")

	// 1. Each item's amount after its own discount.
	amounts := make([]Money, len(o.Items))
	for i, it := range o.Items {
		gross := Amount(it.Price, it.Quantity)
		if gross > MaxMoney {
			p.Errorf(CodeAmountTooLarge, it.Path, "value", it.Price.String()+" × "+it.Quantity.String())
			continue
		}
		switch {
		case it.Total != nil && *it.Total > gross:
			p.Errorf(CodeLineTotal, it.Path+".total", "total", it.Total.String(), "amount", gross.String())
		case it.Total != nil:
			amounts[i] = *it.Total
		case it.Discount > gross:
			p.Errorf(CodeDiscountTooLarge, it.Path+".discount", "discount", it.Discount.String(), "base", gross.String())
		default:
			amounts[i] = gross - it.Discount
		}
	}
	if p.HasErrors() {
		return nil, p
	}

	// 2. Order-level discounts, spread by the largest remainder method.
	var discount Money
	for _, d := range o.Discounts {
		discount += d.Amount
	}
	if discount > MaxMoney {
		p.Errorf(CodeAmountTooLarge, root+".discounts", "value", discount.String())
		return nil, p
	}
	if discount > 0 {
		w := weights(o.Items, amounts, rules.IncludeShipping)
		base := sum(w)
		if discount > base {
			p.Errorf(CodeDiscountTooLarge, root+".discounts", "discount", discount.String(), "base", base.String())
			return nil, p
		}
		for i, s := range Spread(discount, w) {
			amounts[i] -= s
		}
	}
	lines := sum(amounts)
	if lines > MaxMoney {
		p.Errorf(CodeAmountTooLarge, root+".items", "value", lines.String())
		return nil, p
	}

	// 3. The paid amount: stated, or the payments, or the lines.
	paid, paidPath := lines, pathOr(o.PaidPath, root+".total")
	var paySum Money
	for _, pay := range o.Payments {
		paySum += pay.Amount
	}
	payPath := pathOr(o.PaymentsPath, root+".payments")
	switch {
	case o.Paid != nil:
		paid = *o.Paid
		if len(o.Payments) > 0 && paySum != paid {
			p.Errorf(CodePaymentsMismatch, payPath, "payments", paySum.String(), "total", paid.String())
		}
	case len(o.Payments) > 0:
		paid, paidPath = paySum, payPath
	}
	if paySum > MaxMoney || paid > MaxMoney {
		p.Errorf(CodeAmountTooLarge, payPath, "value", paySum.String())
	}
	if p.HasErrors() {
		return nil, p
	}
	if diff := paid - lines; diff != 0 {
		abs := diff
		if abs < 0 {
			abs = -abs
		}
		w := weights(o.Items, amounts, rules.IncludeShipping)
		if abs > rules.Tolerance || (diff < 0 && -diff > sum(w)) || sum(w) == 0 {
			p.Errorf(CodeTotalMismatch, paidPath, "lines", lines.String(), "paid", paid.String(),
				"difference", diff.String(), "tolerance", rules.Tolerance.String())
			return nil, p
		}
		p.Warnf(CodeAdjusted, paidPath, "lines", lines.String(), "paid", paid.String(), "difference", diff.String())
		for i, s := range Spread(abs, w) {
			if diff < 0 {
				amounts[i] -= s
			} else {
				amounts[i] += s
			}
		}
	}

	// 4. Lines that carry their amounts exactly.
	r := &Receipt{
		ID: o.ID, Kind: o.Kind, TaxSystem: rules.TaxSystem, Deliver: rules.Deliver,
		Customer: o.Customer, Cashier: o.Cashier, Vending: rules.Vending, Reference: o.Reference,
		Lines: make([]Line, 0, len(o.Items)), Total: paid,
	}
	for i, it := range o.Items {
		parts := Fit(amounts[i], it.Quantity, it.Price)
		if rules.ExactLines {
			if parts = FitExact(amounts[i], it.Quantity, it.Price); parts == nil {
				p.Errorf(CodeNoExactPrice, it.Path, "total", amounts[i].String(), "quantity", it.Quantity.String())
				continue
			}
		}
		if len(parts) > 1 {
			p.Warnf(CodeLineSplit, it.Path, "total", amounts[i].String())
		}
		for _, part := range parts {
			r.Lines = append(r.Lines, line(it, i, part))
		}
	}

	if p.HasErrors() {
		return nil, p
	}

	// 5. Payments.
	if len(o.Payments) == 0 {
		r.Payments = []Payment{{Type: Electronic, Amount: paid}}
	} else {
		r.Payments = append([]Payment(nil), o.Payments...)
	}
	return r, p
}

func line(it Item, i int, part Part) Line {
	l := Line{
		Name: it.Name, Type: it.Type, Price: part.Price, Quantity: part.Quantity,
		Total:               Amount(part.Price, part.Quantity),
		PriceBeforeDiscount: it.Price,
		VAT:                 it.VAT, PaymentMethod: it.PaymentMethod, Subject: it.Subject,
		MarkingCode: it.MarkingCode, NomenclatureCode: it.NomenclatureCode, Agent: it.Agent,
		Item: i, Path: it.Path,
	}
	l.Discount = Amount(l.PriceBeforeDiscount, l.Quantity) - l.Total
	if l.Discount < 0 {
		// A price above the listed one (a small paid-amount surplus, or the
		// second part of a split): the line shows no discount.
		l.PriceBeforeDiscount, l.Discount = l.Price, 0
	}
	return l
}

// weights returns the amounts that order-level discounts and small
// differences are spread over: the goods lines (and shipping lines when
// includeShipping); when those carry nothing, every line.
func weights(items []Item, amounts []Money, includeShipping bool) []Money {
	w := make([]Money, len(items))
	var total Money
	for i, it := range items {
		if it.Type == Goods || (includeShipping && it.Type == Shipping) {
			w[i] = amounts[i]
			total += amounts[i]
		}
	}
	if total == 0 {
		copy(w, amounts)
	}
	return w
}

func sum(ms []Money) Money {
	var s Money
	for _, m := range ms {
		s += m
	}
	return s
}

// Spread divides amount over weights in proportion by the largest remainder
// method: every share is floor(amount × w / Σw); the kopecks left over go one
// each to the largest remainders, ties to the earlier line. The shares add up
// to amount exactly; with amount ≤ Σw no share exceeds its weight. Weights
// must be ≥ 0 with a positive sum.
func Spread(amount Money, weights []Money) []Money {
	shares := make([]Money, len(weights))
	total := uint64(sum(weights))
	if total == 0 || amount == 0 {
		return shares
	}
	type rem struct {
		i int
		r uint64
	}
	rems := make([]rem, 0, len(weights))
	var given Money
	for i, w := range weights {
		if w <= 0 {
			continue
		}
		q, r := mulDivFloor(uint64(amount), uint64(w), total)
		shares[i] = Money(q)
		given += Money(q)
		rems = append(rems, rem{i, r})
	}
	slices.SortStableFunc(rems, func(a, b rem) int { return cmp.Compare(b.r, a.r) })
	for k := 0; given < amount; k++ {
		shares[rems[k%len(rems)].i]++
		given++
	}
	return shares
}

// Part is one receipt line's price and quantity.
type Part struct {
	Price    Money
	Quantity Qty
}

// Fit finds at most two (price, quantity) parts whose quantities add up to q
// and whose amounts Amount(price, quantity) add up to amount exactly.
// listed is the shop's own unit price: when it already carries the amount,
// it is kept. See doc.go for the rules. amount ≥ 0, q > 0.
func Fit(amount Money, q Qty, listed Money) []Part {
	if Amount(listed, q) == amount {
		return []Part{{listed, q}}
	}
	if q.IsWhole() {
		n := Money(q.Units())
		p, r := amount/n, amount%n
		if r == 0 {
			return []Part{{p, q}}
		}
		return []Part{{p, Qty(n-r) * QtyUnit}, {p + 1, Qty(r) * QtyUnit}}
	}
	// Fractional quantity: the unit price nearest amount/q, or a neighbour.
	p := Money(mulDivRound(uint64(amount), uint64(QtyUnit), uint64(q)))
	for _, c := range []Money{p, p - 1, p + 1} {
		if c >= 0 && Amount(c, q) == amount {
			return []Part{{c, q}}
		}
	}
	// Only a quantity above one unit can miss every amount (each kopeck of
	// price moves the amount by more than a kopeck). Split off one unit: the
	// rest (q − 1, fractional) takes a price p1 near amount/q and the unit
	// takes what is left, which any integer price can carry exactly.
	rest := q - QtyUnit
	best := []Part(nil)
	var bestGap Money
	for _, p1 := range []Money{p - 1, p, p + 1} {
		if p1 < 0 {
			continue
		}
		p2 := amount - Amount(p1, rest)
		if p2 < 0 {
			continue
		}
		gap := p2 - p1
		if gap < 0 {
			gap = -gap
		}
		if best == nil || gap < bestGap {
			best, bestGap = []Part{{p1, rest}, {p2, QtyUnit}}, gap
		}
	}
	if best == nil { // amount smaller than any p1 × rest: all on the unit
		best = []Part{{0, rest}, {amount, QtyUnit}}
	}
	return best
}

// FitExact is Fit for providers that multiply price × quantity themselves
// and must not meet a rounded product: every part satisfies price ×
// quantity = amount × 1000 exactly. Whole quantities are always exact. For a
// fractional quantity q, with g = gcd(q, 1000), the amounts one line can
// carry are the multiples of u = q/g kopecks (at prices that are multiples
// of 1000/g kopecks). An amount that is such a multiple takes one line;
// above one unit, one unit is split off and the rest (q − 1) takes the
// multiple of its own step nearest its share, the unit what is left. Below
// one unit nothing can be split off: FitExact returns nil and the caller
// reports no_exact_price (the shop must change the price or quantity,
// kopeck will not move money to other lines behind its back).
func FitExact(amount Money, q Qty, listed Money) []Part {
	exact := func(p Money, q Qty) bool { return mulMod(uint64(p), uint64(q), 1000) == 0 }
	if Amount(listed, q) == amount && exact(listed, q) {
		return []Part{{listed, q}}
	}
	if q.IsWhole() {
		return Fit(amount, q, listed)
	}
	g := Qty(gcd(int64(q), 1000))
	u, m := Money(q/g), Money(1000/g)
	if amount%u == 0 {
		return []Part{{amount / u * m, q}}
	}
	if q < QtyUnit {
		return nil
	}
	rest := q - QtyUnit
	gr := Qty(gcd(int64(rest), 1000))
	ur, mr := Money(rest/gr), Money(1000/gr)
	share := Money(mulDivRound(uint64(amount), uint64(rest), uint64(q))) // rest's proportional amount
	var best []Part
	var bestGap Money
	for _, k := range []Money{share/ur - 1, share / ur, share/ur + 1} {
		a1 := k * ur
		if k < 0 || a1 > amount {
			continue
		}
		p1, p2 := k*mr, amount-a1
		gap := p1 - p2
		if gap < 0 {
			gap = -gap
		}
		if best == nil || gap < bestGap {
			best, bestGap = []Part{{p1, rest}, {p2, QtyUnit}}, gap
		}
	}
	return best
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// mulMod returns a×b mod d in 128 bits.
func mulMod(a, b, d uint64) uint64 {
	_, r := mulDivFloor(a, b, d)
	return r
}

// Check verifies a receipt's invariants without trusting how it was built:
// every line's Total is Amount(Price, Quantity), prices and quantities are
// positive (prices ≥ 0), the lines add up to Total and so do the payments.
// It returns one message per broken invariant.
func Check(r *Receipt) []string {
	var bad []string
	var s Money
	for i, l := range r.Lines {
		at := "line " + strconv.Itoa(i) + ": "
		if l.Price < 0 || l.Quantity <= 0 || l.Total < 0 || l.Discount < 0 {
			bad = append(bad, at+"negative price, quantity, total or discount")
		}
		if Amount(l.Price, l.Quantity) != l.Total {
			bad = append(bad, at+"total "+l.Total.String()+" != price × quantity")
		}
		if Amount(l.PriceBeforeDiscount, l.Quantity)-l.Discount != l.Total {
			bad = append(bad, at+"discount does not match the price before discount")
		}
		s += l.Total
	}
	if s != r.Total {
		bad = append(bad, "lines add up to "+s.String()+", total is "+r.Total.String())
	}
	if ps := r.PaymentSum(); ps != r.Total {
		bad = append(bad, "payments add up to "+ps.String()+", total is "+r.Total.String())
	}
	return bad
}
