// Package jsonin reads caller JSON with tidwall/gjson and records every
// problem with the JSON path of the field (receipt.Problems). It never
// panics on any input and never uses float64 for numbers: money and
// quantities are read from the raw JSON text.
package jsonin

import (
	"strconv"
	"strings"

	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

// Obj is a JSON value with its path and the problem list it reports into.
type Obj struct {
	R    gjson.Result
	Path string
	P    *receipt.Problems
}

// Parse checks that data is JSON and returns its root as an Obj at path.
// Invalid JSON is recorded as invalid_json and gives a missing Obj.
func Parse(data []byte, path string, p *receipt.Problems) (Obj, bool) {
	if !gjson.ValidBytes(data) {
		p.Errorf(receipt.CodeInvalidJSON, path, "reason", "malformed document")
		return Obj{Path: path, P: p}, false
	}
	return Obj{R: gjson.ParseBytes(data), Path: path, P: p}, true
}

// Exists reports whether the value is present and not null.
func (o Obj) Exists() bool { return o.R.Exists() && o.R.Type != gjson.Null }

// Child returns the member name of an object (gjson path syntax is not
// interpreted: dots and wildcards in name are literal).
func (o Obj) Child(name string) Obj {
	var r gjson.Result
	if o.R.IsObject() {
		// gjson's own lookup skips values without parsing them; the name is
		// escaped so that dots and wildcards stay literal.
		r = o.R.Get(gjson.Escape(name))
	}
	return Obj{R: r, Path: o.Path + "." + name, P: o.P}
}

// IsObject reports whether the value is a JSON object; when it is present
// but not an object it records wrong_type.
func (o Obj) IsObject() bool {
	if !o.Exists() {
		return false
	}
	if !o.R.IsObject() {
		o.P.Errorf(receipt.CodeWrongType, o.Path, "expected", "object", "got", typeName(o.R))
		return false
	}
	return true
}

// Array returns the elements of an array member, recording wrong_type when
// it is present but not an array.
func (o Obj) Array(name string) []Obj {
	c := o.Child(name)
	if !c.Exists() {
		return nil
	}
	if !c.R.IsArray() {
		o.P.Errorf(receipt.CodeWrongType, c.Path, "expected", "array", "got", typeName(c.R))
		return nil
	}
	var out []Obj
	i := 0
	c.R.ForEach(func(_, v gjson.Result) bool {
		out = append(out, Obj{R: v, Path: c.Path + "[" + strconv.Itoa(i) + "]", P: o.P})
		i++
		return true
	})
	return out
}

// Str returns a string member. A number is taken as its JSON text (ids are
// often numbers); other types record wrong_type. required records a
// "required" error when the member is missing or blank.
func (o Obj) Str(name string, required bool) string {
	c := o.Child(name)
	return c.AsStr(name, required)
}

// AsStr is Str for the value itself; field names it in the required message.
func (o Obj) AsStr(field string, required bool) string {
	var s string
	switch {
	case !o.Exists():
	case o.R.Type == gjson.String:
		s = o.R.Str
	case o.R.Type == gjson.Number:
		s = o.R.Raw
	default:
		o.P.Errorf(receipt.CodeWrongType, o.Path, "expected", "string", "got", typeName(o.R))
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		o.P.Errorf(receipt.CodeRequired, o.Path, "field", field)
	}
	return s
}

// Bool returns a boolean member and whether it was given. The strings and
// numbers "1"/"0", "true"/"false" are accepted too.
func (o Obj) Bool(name string) (bool, bool) {
	c := o.Child(name)
	if !c.Exists() {
		return false, false
	}
	switch c.R.Type {
	case gjson.True:
		return true, true
	case gjson.False:
		return false, true
	}
	switch strings.ToLower(strings.TrimSpace(c.R.String())) {
	case "1", "true":
		return true, true
	case "0", "false":
		return false, true
	}
	o.P.Errorf(receipt.CodeWrongType, c.Path, "expected", "boolean", "got", typeName(c.R))
	return false, false
}

// Decimal returns a number member given as a JSON number or a decimal string,
// read from its text (never through float64), and whether it was given.
func (o Obj) Decimal(name string) (decimal.Decimal, string, bool) {
	return o.Child(name).AsDecimal()
}

// AsDecimal is Decimal for the value itself.
func (o Obj) AsDecimal() (decimal.Decimal, string, bool) {
	if !o.Exists() {
		return decimal.Zero, "", false
	}
	var text string
	switch o.R.Type {
	case gjson.Number:
		text = o.R.Raw
	case gjson.String:
		text = strings.TrimSpace(o.R.Str)
	default:
		o.P.Errorf(receipt.CodeNotNumber, o.Path, "value", clip(o.R.Raw))
		return decimal.Zero, "", false
	}
	d, err := decimal.NewFromString(text)
	if err != nil || text == "" || len(text) > 64 {
		o.P.Errorf(receipt.CodeNotNumber, o.Path, "value", strconv.Quote(clip(text)))
		return decimal.Zero, "", false
	}
	return d, text, true
}

// Money returns a ruble amount member in kopecks and whether it was given
// and valid. Errors: not_a_number, negative, too_many_decimals (> 2),
// too_large.
func (o Obj) Money(name string) (receipt.Money, bool) { return o.Child(name).AsMoney() }

// AsMoney is Money for the value itself.
func (o Obj) AsMoney() (receipt.Money, bool) {
	d, text, ok := o.AsDecimal()
	if !ok {
		return 0, false
	}
	m, err := receipt.MoneyFromDecimal(d, text)
	if err != nil {
		o.numberError(err, "2")
		return 0, false
	}
	return m, true
}

// Qty returns a quantity member in thousandths and whether it was given and
// valid. Errors: not_a_number, negative, too_many_decimals (> 3), too_large.
func (o Obj) Qty(name string) (receipt.Qty, bool) {
	c := o.Child(name)
	d, text, ok := c.AsDecimal()
	if !ok {
		return 0, false
	}
	q, err := receipt.QtyFromDecimal(d, text)
	if err != nil {
		c.numberError(err, "3")
		return 0, false
	}
	return q, true
}

func (o Obj) numberError(err error, decimals string) {
	ne, _ := err.(*receipt.NumberError)
	if ne == nil {
		o.P.Errorf(receipt.CodeNotNumber, o.Path, "value", clip(o.R.Raw))
		return
	}
	v := clip(ne.Number)
	switch ne.Reason {
	case receipt.ReasonNegative:
		o.P.Errorf(receipt.CodeNegative, o.Path, "value", v)
	case receipt.ReasonPrecision:
		o.P.Errorf(receipt.CodeTooManyDecimals, o.Path, "value", v, "decimals", decimals)
	case receipt.ReasonTooLarge:
		o.P.Errorf(receipt.CodeTooLarge, o.Path, "value", v)
	default:
		o.P.Errorf(receipt.CodeNotNumber, o.Path, "value", v)
	}
}

// Enum returns a string member that must be one of list ("" when missing).
func Enum[T ~string](o Obj, name string, list []T) T {
	c := o.Child(name)
	s := c.AsStr(name, false)
	if s == "" {
		return ""
	}
	if !receipt.Valid(list, T(s)) {
		allowed := make([]string, len(list))
		for i, v := range list {
			allowed[i] = string(v)
		}
		o.P.Errorf(receipt.CodeUnknownValue, c.Path, "value", strconv.Quote(clip(s)), "allowed", strings.Join(allowed, ", "))
		return ""
	}
	return T(s)
}

// Known records a warning unknown_field for every member of the object that
// is not in names: a misspelt setting must not pass unnoticed.
func (o Obj) Known(names ...string) {
	if !o.R.IsObject() {
		return
	}
	o.R.ForEach(func(k, _ gjson.Result) bool {
		for _, n := range names {
			if k.Str == n {
				return true
			}
		}
		o.P.Warnf(CodeUnknownField, o.Path+"."+k.Str, "field", k.Str)
		return true
	})
}

// CodeUnknownField is the warning for a member kopeck does not know.
const CodeUnknownField = "unknown_field"

func init() {
	receipt.Register(CodeUnknownField, "unknown field {field} is ignored", "неизвестное поле {field} пропущено")
}

func typeName(r gjson.Result) string {
	switch r.Type {
	case gjson.String:
		return "string"
	case gjson.Number:
		return "number"
	case gjson.True, gjson.False:
		return "boolean"
	case gjson.Null:
		return "null"
	}
	if r.IsArray() {
		return "array"
	}
	return "object"
}

// clip keeps error messages short when the input is huge.
func clip(s string) string {
	if r := []rune(s); len(r) > 64 {
		return string(r[:64]) + "…"
	}
	return s
}
