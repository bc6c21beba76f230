package kassavonline

import (
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/shopspring/decimal"
)

// exactProduct returns price × quantity in rubles, exactly (up to five
// decimals), and whether it equals total: the provider has no line total and
// computes price × quantity itself, so the line is only right when the
// product is a whole number of kopecks equal to the line's total.
func exactProduct(price receipt.Money, q receipt.Qty, total receipt.Money) (decimal.Decimal, bool) {
	d := decimal.New(int64(price), -2).Mul(decimal.New(int64(q), -3))
	return d, d.Equal(decimal.New(int64(total), -2))
}

// checkExact records inexact_line_total at the line's path when its total is
// not exactly price × quantity.
func checkExact(l receipt.Line, p *receipt.Problems) bool {
	d, ok := exactProduct(l.Price, l.Quantity, l.Total)
	if !ok {
		p.Errorf(CodeInexactLine, l.Path, "price", l.Price.String(), "quantity", l.Quantity.String(),
			"exact", d.String(), "total", l.Total.String())
	}
	return ok
}
