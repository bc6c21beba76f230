package kassavonline

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

// Enumerations of the document, as it lists them.
var (
	receiptTypes = set("cash_in", "return_cash_in")
	reportTypes  = set("x-report", "z-report")
	taxTypes     = set("NO", "VAT18", "VAT10", "VAT118", "VAT110", "VAT0", "VAT20", "VAT120")
	agentTypes   = set("NONE", "COMMISSION_AGENT", "ANOTHER")
	paymentTypes = set("cash", "electronically", "prepaid", "credit", "other")
	// payment_subject: 1–14, 17, 18, 19 (15 and 16 are not in the list).
	subjects = set("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "17", "18", "19")
	// payment_type: 1–7.
	methods = set("1", "2", "3", "4", "5", "6", "7")

	paramsKeys  = set("kkm_serial_number", "kkm_connection_key", "receipt")
	receiptKeys = set("ffd", "type", "is_electronic", "cashier", "cashier_inn", "client_tel", "client_email", "items", "payments")
	itemKeys    = set("title", "price", "quantity", "tax_type_name", "payment_type", "payment_subject", "agent_type",
		"suplier_name", "suplier_inn", "suplier_phone")
	paymentKeys = set("type", "amount")
)

// TitleLimit is the longest title: FFD 1.05 tag 1030 (the document gives
// no length).
const TitleLimit = 128

// Check returns every violation of the documented rules in the params JSON
// of /api/print (a receipt or an X/Z report); nil when there is none. It is
// written from the provider document alone, without the builder's code:
//
//   - params: exactly kkm_serial_number and kkm_connection_key (non-empty
//     strings) and receipt (an object);
//   - a report: {"type":"x-report"|"z-report"} and nothing else;
//   - a receipt: ffd "1.05"; type cash_in|return_cash_in; is_electronic the
//     integer 0 or 1 (1 needs client_email or client_tel: the receipt is
//     sent, not printed); cashier, cashier_inn, client_tel, client_email
//     strings when present (cashier_inn: 12 digits when not empty); no
//     other member;
//   - items: a non-empty array; each item has a non-empty title (≤ 128
//     characters), price a JSON number ≥ 0 with at most 2 decimals
//     (decimal(22,2)), quantity a JSON number > 0 with at most 3 decimals
//     (decimal(22,3)), tax_type_name, payment_type 1–7 and payment_subject
//     from the document's lists (integers), agent_type NONE (also when
//     absent), COMMISSION_AGENT or ANOTHER; with an agent suplier_name,
//     suplier_inn (10 or 12 digits) and suplier_phone are required;
//   - payments: a non-empty array of {type, amount}, type from the list,
//     amount a JSON number ≥ 0 with at most 2 decimals;
//   - the payments add up EXACTLY to Σ price × quantity (computed in
//     decimals, no rounding: the items carry no total).
func Check(payload []byte) []string {
	var bad []string
	add := func(path, msg string) { bad = append(bad, path+": "+msg) }
	if !gjson.ValidBytes(payload) {
		return []string{"params: not valid JSON"}
	}
	root := gjson.ParseBytes(payload)
	if !root.IsObject() {
		return []string{"params: not a JSON object"}
	}
	unknownKeys(root, "params", paramsKeys, add)
	nonEmptyString(root, "kkm_serial_number", "params", add)
	nonEmptyString(root, "kkm_connection_key", "params", add)
	rc := get(root, "receipt")
	if !rc.IsObject() {
		add("params.receipt", "required object")
		return bad
	}
	t := get(rc, "type")
	switch {
	case t.Type == gjson.String && reportTypes[t.Str]:
		unknownKeys(rc, "receipt", set("type"), add)
		return bad
	case t.Type == gjson.String && receiptTypes[t.Str]:
	default:
		add("receipt.type", "must be one of cash_in, return_cash_in, x-report, z-report, got "+t.Raw)
		return bad
	}
	unknownKeys(rc, "receipt", receiptKeys, add)
	if f := get(rc, "ffd"); f.Type != gjson.String || f.Str != "1.05" {
		add("receipt.ffd", `must be the string "1.05", got `+show(f))
	}
	el := get(rc, "is_electronic")
	if el.Type != gjson.Number || (el.Raw != "0" && el.Raw != "1") {
		add("receipt.is_electronic", "must be the integer 0 or 1, got "+show(el))
	}
	for _, k := range []string{"cashier", "cashier_inn", "client_tel", "client_email"} {
		if v := get(rc, k); v.Exists() && v.Type != gjson.String {
			add("receipt."+k, "must be a string, got "+show(v))
		}
	}
	if inn := get(rc, "cashier_inn").Str; inn != "" && !(len(inn) == 12 && digits(inn)) {
		add("receipt.cashier_inn", "a person's INN has 12 digits")
	}
	if el.Raw == "1" && get(rc, "client_email").Str == "" && get(rc, "client_tel").Str == "" {
		add("receipt.is_electronic", "1 (send, do not print) needs client_email or client_tel")
	}

	sum := decimal.Zero
	items := get(rc, "items")
	if !items.IsArray() || len(items.Array()) == 0 {
		add("receipt.items", "required non-empty array")
	}
	for i, it := range items.Array() {
		p := "receipt.items[" + strconv.Itoa(i) + "]"
		if !it.IsObject() {
			add(p, "must be an object")
			continue
		}
		unknownKeys(it, p, itemKeys, add)
		title := get(it, "title")
		switch {
		case title.Type != gjson.String || strings.TrimSpace(title.Str) == "":
			add(p+".title", "required non-empty string")
		case utf8.RuneCountInString(title.Str) > TitleLimit:
			add(p+".title", "longer than "+strconv.Itoa(TitleLimit)+" characters")
		}
		price, okP := number(get(it, "price"), 2, false, p+".price", add)
		qty, okQ := number(get(it, "quantity"), 3, true, p+".quantity", add)
		if okP && okQ {
			sum = sum.Add(price.Mul(qty))
		}
		inList(get(it, "tax_type_name"), gjson.String, taxTypes, p+".tax_type_name", add)
		inList(get(it, "payment_type"), gjson.Number, methods, p+".payment_type", add)
		inList(get(it, "payment_subject"), gjson.Number, subjects, p+".payment_subject", add)
		agent := get(it, "agent_type")
		if agent.Exists() {
			inList(agent, gjson.String, agentTypes, p+".agent_type", add)
		}
		for _, k := range []string{"suplier_name", "suplier_inn", "suplier_phone"} {
			if v := get(it, k); v.Exists() && v.Type != gjson.String {
				add(p+"."+k, "must be a string, got "+show(v))
			}
		}
		if agent.Type == gjson.String && agent.Str != "NONE" && agentTypes[agent.Str] {
			for _, k := range []string{"suplier_name", "suplier_inn", "suplier_phone"} {
				if strings.TrimSpace(get(it, k).Str) == "" {
					add(p+"."+k, "required with agent_type "+agent.Str)
				}
			}
			if inn := get(it, "suplier_inn").Str; inn != "" && !((len(inn) == 10 || len(inn) == 12) && digits(inn)) {
				add(p+".suplier_inn", "an INN has 10 or 12 digits")
			}
		}
	}

	paid := decimal.Zero
	pays := get(rc, "payments")
	if !pays.IsArray() || len(pays.Array()) == 0 {
		add("receipt.payments", "required non-empty array")
	}
	for i, pay := range pays.Array() {
		p := "receipt.payments[" + strconv.Itoa(i) + "]"
		if !pay.IsObject() {
			add(p, "must be an object")
			continue
		}
		unknownKeys(pay, p, paymentKeys, add)
		inList(get(pay, "type"), gjson.String, paymentTypes, p+".type", add)
		if a, ok := number(get(pay, "amount"), 2, false, p+".amount", add); ok {
			paid = paid.Add(a)
		}
	}
	if !paid.Equal(sum) {
		add("receipt.payments", "add up to "+paid.String()+", but Σ price × quantity is "+sum.String())
	}
	return bad
}

// number checks a JSON number with at most decimals decimals, ≥ 0 (> 0 when
// positive), at most 22 digits in all.
func number(v gjson.Result, decimals int32, positive bool, path string, add func(string, string)) (decimal.Decimal, bool) {
	if v.Type != gjson.Number {
		add(path, "required JSON number, got "+show(v))
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(v.Raw)
	if err != nil {
		add(path, "not a number: "+v.Raw)
		return decimal.Zero, false
	}
	ok := true
	if !d.Shift(decimals).IsInteger() {
		add(path, "more than "+strconv.Itoa(int(decimals))+" decimals: "+v.Raw)
		ok = false
	}
	if d.IsNegative() || (positive && d.IsZero()) {
		add(path, "out of range: "+v.Raw)
		ok = false
	}
	if d.Truncate(0).String() != "0" && len(d.Truncate(0).String()) > int(22-decimals) {
		add(path, "more than "+strconv.Itoa(int(22-decimals))+" integer digits")
		ok = false
	}
	return d, ok
}

// inList checks that v has JSON type t and its text is in list.
func inList(v gjson.Result, t gjson.Type, list map[string]bool, path string, add func(string, string)) {
	s := v.Raw
	if t == gjson.String {
		s = v.Str
	}
	if v.Type != t || !list[s] {
		add(path, "not a documented value: "+show(v))
	}
}

func nonEmptyString(o gjson.Result, k, path string, add func(string, string)) {
	if v := get(o, k); v.Type != gjson.String || v.Str == "" {
		add(path+"."+k, "required non-empty string")
	}
}

func unknownKeys(o gjson.Result, path string, known map[string]bool, add func(string, string)) {
	seen := map[string]bool{}
	o.ForEach(func(k, _ gjson.Result) bool {
		if !known[k.Str] {
			add(path+"."+k.Str, "not a documented field")
		}
		if seen[k.Str] {
			add(path+"."+k.Str, "given twice")
		}
		seen[k.Str] = true
		return true
	})
}

// get returns a member by its literal name.
func get(o gjson.Result, k string) gjson.Result {
	var r gjson.Result
	o.ForEach(func(key, v gjson.Result) bool {
		if key.Str == k {
			r = v
			return false
		}
		return true
	})
	return r
}

func show(v gjson.Result) string {
	if !v.Exists() {
		return "nothing"
	}
	if len(v.Raw) > 40 {
		return v.Raw[:40] + "…"
	}
	return v.Raw
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func set(vs ...string) map[string]bool {
	m := make(map[string]bool, len(vs))
	for _, v := range vs {
		m[v] = true
	}
	return m
}
