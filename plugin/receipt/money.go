package receipt

import (
	"math/bits"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Money is an amount in kopecks (1 RUB = 100 kopecks). Every amount inside
// kopeck is a Money; decimal strings appear only at the edges.
type Money int64

// Qty is a quantity in thousandths of a unit (1.5 kg = 1500). FFD allows at
// most three decimals of quantity.
type Qty int64

// QtyUnit is one whole unit of quantity.
const QtyUnit Qty = 1000

// Limits of the numbers kopeck accepts. They keep every product of a price and
// a quantity inside 128-bit intermediate arithmetic and every amount exact in
// the float64 numbers of JavaScript and PHP (2^53 > MaxMoney).
const (
	// MaxMoney is the largest amount: 10 000 000 000 000.00 RUB.
	MaxMoney Money = 1_000_000_000_000_000
	// MaxQty is the largest quantity: 99 999 999.999 units.
	MaxQty Qty = 99_999_999_999
)

// String formats m in rubles with exactly two decimals: 14191 → "141.91".
func (m Money) String() string {
	neg := m < 0
	u := uint64(m)
	if neg {
		u = uint64(-m)
	}
	s := strconv.FormatUint(u/100, 10) + "." + pad(u%100, 2)
	if neg {
		return "-" + s
	}
	return s
}

// String formats q with up to three decimals and no trailing zeros:
// 1500 → "1.5", 2000 → "2", 333 → "0.333".
func (q Qty) String() string {
	neg := q < 0
	u := uint64(q)
	if neg {
		u = uint64(-q)
	}
	s := strconv.FormatUint(u/1000, 10)
	if f := u % 1000; f != 0 {
		s += "." + strings.TrimRight(pad(f, 3), "0")
	}
	if neg {
		return "-" + s
	}
	return s
}

// Fixed3 formats q with exactly three decimals: 1500 → "1.500".
func (q Qty) Fixed3() string {
	u := uint64(q)
	if q < 0 {
		return "-" + Qty(-q).Fixed3()
	}
	return strconv.FormatUint(u/1000, 10) + "." + pad(u%1000, 3)
}

// IsWhole reports whether q is a whole number of units.
func (q Qty) IsWhole() bool { return q%QtyUnit == 0 }

// Units returns the whole units of q (q must be whole for an exact answer).
func (q Qty) Units() int64 { return int64(q / QtyUnit) }

func pad(v uint64, width int) string {
	s := strconv.FormatUint(v, 10)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// Amount returns price × quantity rounded half up to the kopeck: the amount
// of a line under the FFD rule. Both arguments must be ≥ 0 and within the
// limits above; the result may exceed MaxMoney, callers check it.
func Amount(price Money, q Qty) Money {
	return Money(mulDivRound(uint64(price), uint64(q), uint64(QtyUnit)))
}

// mulDivRound returns a×b/d rounded half up, computed in 128 bits. The result
// saturates at the largest int64 when it does not fit.
func mulDivRound(a, b, d uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	lo2, carry := bits.Add64(lo, d/2, 0)
	hi += carry
	if hi >= d {
		return 1<<63 - 1
	}
	q, _ := bits.Div64(hi, lo2, d)
	if q > 1<<63-1 {
		return 1<<63 - 1
	}
	return q
}

// mulDivFloor returns floor(a×b/d) and the remainder, in 128 bits. The caller
// guarantees the quotient fits (a ≤ d or b ≤ d).
func mulDivFloor(a, b, d uint64) (q, r uint64) {
	hi, lo := bits.Mul64(a, b)
	return bits.Div64(hi, lo, d)
}

// decimal precision errors are reported by the parse functions below.

// ParseMoney parses a decimal amount in rubles ("141.91", "12", "0.9") into
// kopecks. It fails with a *NumberError when the text is not a number, has
// more than two decimals, is negative or exceeds MaxMoney.
func ParseMoney(s string) (Money, error) {
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil || strings.TrimSpace(s) == "" {
		return 0, &NumberError{Number: s, Reason: ReasonNotNumber}
	}
	return MoneyFromDecimal(d, s)
}

// MoneyFromDecimal converts a ruble amount to kopecks with the same rules as
// ParseMoney; text is what the error reports.
func MoneyFromDecimal(d decimal.Decimal, text string) (Money, error) {
	if d.IsNegative() {
		return 0, &NumberError{Number: text, Reason: ReasonNegative}
	}
	k := d.Shift(2)
	if !k.IsInteger() {
		return 0, &NumberError{Number: text, Reason: ReasonPrecision}
	}
	if k.GreaterThan(decimal.NewFromInt(int64(MaxMoney))) {
		return 0, &NumberError{Number: text, Reason: ReasonTooLarge}
	}
	return Money(k.IntPart()), nil
}

// ParseQty parses a decimal quantity ("2", "1.5", "0.333") into thousandths.
// It fails with a *NumberError when the text is not a number, has more than
// three decimals, is negative or exceeds MaxQty. Zero is returned as zero:
// whether zero is allowed is the caller's rule.
func ParseQty(s string) (Qty, error) {
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil || strings.TrimSpace(s) == "" {
		return 0, &NumberError{Number: s, Reason: ReasonNotNumber}
	}
	return QtyFromDecimal(d, s)
}

// QtyFromDecimal converts a decimal quantity with the rules of ParseQty.
func QtyFromDecimal(d decimal.Decimal, text string) (Qty, error) {
	if d.IsNegative() {
		return 0, &NumberError{Number: text, Reason: ReasonNegative}
	}
	k := d.Shift(3)
	if !k.IsInteger() {
		return 0, &NumberError{Number: text, Reason: ReasonPrecision}
	}
	if k.GreaterThan(decimal.NewFromInt(int64(MaxQty))) {
		return 0, &NumberError{Number: text, Reason: ReasonTooLarge}
	}
	return Qty(k.IntPart()), nil
}

// Reasons a number is refused.
const (
	ReasonNotNumber = "not_a_number"
	ReasonPrecision = "too_many_decimals"
	ReasonNegative  = "negative"
	ReasonTooLarge  = "too_large"
)

// NumberError reports a number that cannot be a kopeck amount or a quantity.
type NumberError struct {
	Number string // the text as given
	Reason string // one of the Reason constants
}

func (e *NumberError) Error() string {
	return "invalid number " + strconv.Quote(e.Number) + ": " + e.Reason
}

// MarshalJSON writes m as a decimal string in rubles ("141.91"): JSON
// output of kopeck is decimal strings at the edges, never floats.
func (m Money) MarshalJSON() ([]byte, error) { return []byte(`"` + m.String() + `"`), nil }

// UnmarshalJSON reads a decimal string or number in rubles (ParseMoney rules,
// negative amounts allowed for round trips of differences).
func (m *Money) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	neg := strings.HasPrefix(s, "-")
	v, err := ParseMoney(strings.TrimPrefix(s, "-"))
	if neg {
		v = -v
	}
	*m = v
	return err
}

// MarshalJSON writes q as a decimal string ("1.5").
func (q Qty) MarshalJSON() ([]byte, error) { return []byte(`"` + q.String() + `"`), nil }

// UnmarshalJSON reads a decimal string or number (ParseQty rules).
func (q *Qty) UnmarshalJSON(b []byte) error {
	v, err := ParseQty(strings.Trim(string(b), `"`))
	*q = v
	return err
}
