package wordpress

import (
	"strconv"
	"strings"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

// Decimal exponents outside this range are refused before any arithmetic:
// "1e999999999" is valid JSON, and adding it to "0.01" would build a number
// with a billion digits.
const (
	minExp = -40
	maxExp = 20
)

// number reads a member given as a JSON number or a decimal string, exactly.
// A missing or null member is zero and not given. Anything else, or an
// exponent outside [minExp, maxExp], is not_a_number.
func number(o jsonin.Obj, name string) (d decimal.Decimal, given, ok bool) {
	c := o.Child(name)
	if !c.Exists() {
		return decimal.Zero, false, true
	}
	if c.R.Type == gjson.String && strings.TrimSpace(c.R.Str) == "" {
		// WooCommerce writes "" for an absent tax subtotal (shipping taxes).
		return decimal.Zero, false, true
	}
	d, text, ok := c.AsDecimal()
	if !ok {
		return decimal.Zero, true, false
	}
	if e := d.Exponent(); e < minExp || e > maxExp {
		o.P.Errorf(receipt.CodeNotNumber, c.Path, "value", strconv.Quote(text))
		return decimal.Zero, true, false
	}
	return d, true, true
}

// sum adds the named members exactly (missing ones are zero).
func sum(o jsonin.Obj, names ...string) (decimal.Decimal, bool) {
	total, ok := decimal.Zero, true
	for _, n := range names {
		d, _, good := number(o, n)
		if !good {
			ok = false
			continue
		}
		total = total.Add(d)
	}
	return total, ok
}

// kopecks rounds a non-negative ruble amount half up to the kopeck; path is
// where a warning (the value had more than two decimals) or an error (too
// large) is recorded. WooCommerce keeps unrounded line amounts when taxes
// are rounded at subtotal level: the sum of a line's fields is rounded once,
// never each field on its own.
func kopecks(d decimal.Decimal, path string, p *receipt.Problems) (receipt.Money, bool) {
	if d.GreaterThan(decimal.New(int64(receipt.MaxMoney), -2)) {
		p.Errorf(receipt.CodeTooLarge, path, "value", d.String())
		return 0, false
	}
	k := d.Shift(2)
	r := k.Round(0) // half away from zero: half up for d ≥ 0
	if !r.Equal(k) {
		p.Warnf(CodeRounded, path, "value", d.String(), "rounded", receipt.Money(r.IntPart()).String())
	}
	return receipt.Money(r.IntPart()), true
}

// exact converts a ruble amount that must already be in kopecks (what the
// customer paid: order.total, refund.amount, gift card amounts); more than
// two decimals is an error, as everywhere in kopeck.
func exact(d decimal.Decimal, path string, p *receipt.Problems) (receipt.Money, bool) {
	m, err := receipt.MoneyFromDecimal(d, d.String())
	if err != nil {
		ne, _ := err.(*receipt.NumberError)
		switch {
		case ne != nil && ne.Reason == receipt.ReasonPrecision:
			p.Errorf(receipt.CodeTooManyDecimals, path, "value", d.String(), "decimals", "2")
		case ne != nil && ne.Reason == receipt.ReasonNegative:
			p.Errorf(receipt.CodeNegative, path, "value", d.String())
		default:
			p.Errorf(receipt.CodeTooLarge, path, "value", d.String())
		}
		return 0, false
	}
	return m, true
}

// quantity converts a quantity (already made non-negative by the caller)
// into thousandths.
func quantity(d decimal.Decimal, path string, p *receipt.Problems) (receipt.Qty, bool) {
	q, err := receipt.QtyFromDecimal(d, d.String())
	if err != nil {
		ne, _ := err.(*receipt.NumberError)
		switch {
		case ne != nil && ne.Reason == receipt.ReasonPrecision:
			p.Errorf(receipt.CodeTooManyDecimals, path, "value", d.String(), "decimals", "3")
		case ne != nil && ne.Reason == receipt.ReasonNegative:
			p.Errorf(receipt.CodeNegative, path, "value", d.String())
		default:
			p.Errorf(receipt.CodeTooLarge, path, "value", d.String())
		}
		return 0, false
	}
	return q, true
}

// unitPrice is the unit price of a line whose amount before discounts is
// before for q units: before / q rounded half up, raised to the smallest
// price whose Amount reaches atLeast when rounding left it below (the core
// refuses a line total above price × quantity). q > 0.
func unitPrice(before receipt.Money, q receipt.Qty, atLeast receipt.Money) receipt.Money {
	if before > receipt.MaxMoney || atLeast > receipt.MaxMoney {
		return before // the core reports the amount as too large
	}
	// before × 1000 / q, half up, in decimal (before ≤ 10^18, exact).
	p := decimal.NewFromInt(int64(before)).Shift(3).Div(decimal.NewFromInt(int64(q))).Round(0)
	price := receipt.Money(p.IntPart())
	if receipt.Amount(price, q) < atLeast {
		// Smallest price with Amount(price, q) ≥ atLeast: ceil of
		// (atLeast − ½) × 1000 / q, then checked.
		c := decimal.NewFromInt(int64(atLeast)).Sub(decimal.New(5, -1)).Shift(3).
			Div(decimal.NewFromInt(int64(q))).Ceil()
		price = receipt.Money(c.IntPart())
		for price > 0 && receipt.Amount(price-1, q) >= atLeast {
			price--
		}
		for receipt.Amount(price, q) < atLeast {
			price++
		}
	}
	return price
}
