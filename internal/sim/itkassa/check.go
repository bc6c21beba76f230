package itkassa

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

// The documented enumerations, copied from the API document (not from the
// builder).
var (
	receiptTypes = set("sale", "returnSale", "buy", "returnBuy")
	serviceTypes = set("openSession", "closeSession", "xReport", "cashIn", "cashOut")
	slipTypes    = set("startSlip", "print", "feed", "printQR", "endSlip")
	snos         = set("sno_osn", "sno_ysn_d", "sno_ysn_dmr", "sno_envd", "sno_esn", "sno_psn")
	taxes        = set("vat_none", "vat_0", "vat_10", "vat_20", "vat_110", "vat_120")
	pprs         = set("goods", "excise_goods", "job", "service", "bet_in_game", "winning_in_game", "lottery_ticket",
		"lottery_winning", "ipr", "payment", "composite", "agent_commission", "other")
	psrs      = set("prepayment_100", "prepayment", "advance", "full_settle", "credit", "credit_transfer", "credit_payment")
	tagTypes  = set("array", "byte", "int16", "int32", "double", "string")
	amountsOf = []string{"amountCash", "amountElectronic", "amountPrepaid", "amountCredit", "amountIncoming"}
	vatSums   = []string{"amountVatNone", "amountVat0", "amountVat10", "amountVat20", "amountVat110", "amountVat120"}

	receiptFields = set("type", "isPrintable", "sno", "tagCashierName", "tagCashierINN", "tagClientTitle",
		"tagClientContact", "tagClientINN", "tagSaleLocation", "tagAgentType", "tagTransferServiceOperatorContact",
		"tagAgentOperator", "tagAgentContact", "tagPayeeServiceOperatorContact", "tagTransferServiceOperatorTitle",
		"tagTransferServiceOperatorAddress", "tagTransferServiceOperatorINN", "lines",
		"amountCash", "amountElectronic", "amountPrepaid", "amountCredit", "amountIncoming")
	lineFields = set("title", "price", "quantity", "total", "tax", "ppr", "psr", "tagAgentType", "tagServiceProviderINN",
		"tagServiceProviderContact", "tagServiceProviderTitle", "tagExcise", "tagCountry", "tagGtdNumber", "tagTrueSign", "tags")
	serviceFields = set("type", "isPrintable", "tagCashierName", "tagCashierINN", "tagCashierInn", "tagClientContact",
		"tagClientTitle", "tagClientINN")
	correctionFields = set("type", "isPrintable", "sno", "tagCashierName", "tagCashierINN", "docNumber", "docDescription",
		"docDate", "correctionType", "paymentSign", "amountVatNone", "amountVat0", "amountVat10", "amountVat20",
		"amountVat110", "amountVat120")
)

func set(vs ...string) map[string]bool {
	m := make(map[string]bool, len(vs))
	for _, v := range vs {
		m[v] = true
	}
	return m
}

// Check applies the documented ITKassa rules to a print-documents body and
// returns one message per violation ("commands[0].lines[1].total: …"); none
// means the payload is acceptable. It is written from the API document,
// without the builder's code, and is used by the simulator and by the
// golden tests. Rules the document leaves open are decided the strict way
// and marked (kopeck) below:
//
//   - creItemId is a GUID; idempKey, when present, a GUID, and required on
//     receipts (kopeck: a receipt is never sent without one);
//   - a document is one command, or a slip: startSlip, print/feed/printQR
//     commands, endSlip (kopeck: the framing the document recommends);
//   - every command has only documented fields and typed values;
//   - receipts: isPrintable boolean; sno from the table, required (kopeck);
//     tagClientContact (email or +phone) when isPrintable is false; INNs of
//     10/12 digits with valid check digits (cashier: 12); lines with title
//     1–250 characters, price and total decimal strings with at most 2
//     decimals, quantity with at most 3 and above 0, total = price × quantity
//     rounded half up to the kopeck, tax/ppr/psr from the tables (required,
//     kopeck); line tagAgentType a single bit 0–6 with tagServiceProviderINN,
//     included in the receipt's tagAgentType; payment amounts decimal strings,
//     at least one, adding up to the lines exactly;
//   - cashIn/cashOut: amountCash a JSON number above 0, at most 2 decimals;
//   - correction: docNumber, docDescription, docDate YYYY-MM-DD,
//     correctionType bySelf|byDocument, paymentSign incoming|outcoming, sno,
//     at least one amountVat* decimal string;
//   - slip: print with text and font bold|normal, no isPrintable; feed
//     count ≥ 1; printQR text and size ≥ 1; endSlip disablePrintFooter boolean.
func Check(payload []byte) []string {
	c := &checker{}
	if !gjson.ValidBytes(payload) {
		return []string{"body: not JSON"}
	}
	doc := gjson.ParseBytes(payload)
	if !doc.IsObject() {
		return []string{"body: not a JSON object"}
	}
	c.fields(doc, "", set("creItemId", "idempKey", "commands"))
	if cre := doc.Get("creItemId"); cre.Type != gjson.String || !isGUID(cre.Str) {
		c.add("creItemId", "must be a cashbox GUID")
	}
	key := doc.Get("idempKey")
	if key.Exists() && (key.Type != gjson.String || !isGUID(key.Str)) {
		c.add("idempKey", "must be a UUID")
	}
	cmds := doc.Get("commands")
	if !cmds.IsArray() || len(cmds.Array()) == 0 {
		c.add("commands", "must be a non-empty array")
		return c.out
	}
	list := cmds.Array()
	types := make([]string, len(list))
	for i, cmd := range list {
		if cmd.IsObject() {
			types[i] = cmd.Get("type").String()
		}
	}
	switch {
	case len(list) == 1 && !slipTypes[types[0]]:
	case types[0] == "startSlip" && types[len(types)-1] == "endSlip" && len(list) >= 2:
		for i, t := range types[1 : len(types)-1] {
			if t != "print" && t != "feed" && t != "printQR" {
				c.add(fmt.Sprintf("commands[%d].type", i+1), "a slip holds only print, feed and printQR between startSlip and endSlip")
			}
		}
	default:
		c.add("commands", "must hold one command, or a slip framed by startSlip and endSlip")
	}
	for i, cmd := range list {
		path := fmt.Sprintf("commands[%d]", i)
		if !cmd.IsObject() {
			c.add(path, "must be an object")
			continue
		}
		t := types[i]
		switch {
		case receiptTypes[t]:
			if !key.Exists() {
				c.add("idempKey", "a receipt must carry an idempotency key")
			}
			c.receipt(cmd, path)
		case t == "cashIn" || t == "cashOut":
			c.service(cmd, path, true)
		case serviceTypes[t]:
			c.service(cmd, path, false)
		case t == "correction":
			c.correction(cmd, path)
		case slipTypes[t]:
			c.slip(cmd, path, t)
		default:
			c.add(path+".type", fmt.Sprintf("unknown command type %q", t))
		}
	}
	return c.out
}

type checker struct{ out []string }

func (c *checker) add(path, msg string) { c.out = append(c.out, path+": "+msg) }

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// fields refuses members outside the documented set.
func (c *checker) fields(o gjson.Result, path string, known map[string]bool) {
	o.ForEach(func(k, _ gjson.Result) bool {
		if !known[k.Str] {
			c.add(join(path, k.Str), "undocumented field")
		}
		return true
	})
}

func (c *checker) str(o gjson.Result, path, name string, required bool) string {
	v := o.Get(name)
	if !v.Exists() {
		if required {
			c.add(join(path, name), "required")
		}
		return ""
	}
	if v.Type != gjson.String {
		c.add(join(path, name), "must be a string")
		return ""
	}
	if required && strings.TrimSpace(v.Str) == "" {
		c.add(join(path, name), "must not be empty")
	}
	return v.Str
}

func (c *checker) enum(o gjson.Result, path, name string, allowed map[string]bool, required bool) {
	v := c.str(o, path, name, required)
	if o.Get(name).Type == gjson.String && !allowed[v] {
		c.add(join(path, name), fmt.Sprintf("%q is not a documented value", v))
	}
}

func (c *checker) boolean(o gjson.Result, path, name string, required bool) (bool, bool) {
	v := o.Get(name)
	switch {
	case !v.Exists():
		if required {
			c.add(join(path, name), "required")
		}
		return false, false
	case v.Type == gjson.True:
		return true, true
	case v.Type == gjson.False:
		return false, true
	}
	c.add(join(path, name), "must be a boolean")
	return false, false
}

// amount reads a decimal string with at most decimals places; negative is
// refused, zero allowed.
func (c *checker) amount(o gjson.Result, path, name string, decimals int32, required bool) (decimal.Decimal, bool) {
	s := c.str(o, path, name, required)
	if s == "" {
		return decimal.Zero, false
	}
	return c.number(s, join(path, name), decimals)
}

func (c *checker) number(s, path string, decimals int32) (decimal.Decimal, bool) {
	if !plainDecimal(s) {
		c.add(path, fmt.Sprintf("%q is not a decimal number (digits, optional point)", s))
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		c.add(path, fmt.Sprintf("%q is not a number", s))
		return decimal.Zero, false
	}
	if i := strings.IndexByte(s, '.'); i >= 0 && int32(len(s)-i-1) > decimals {
		c.add(path, fmt.Sprintf("%q has more than %d decimals", s, decimals))
		return decimal.Zero, false
	}
	return d, true
}

func plainDecimal(s string) bool {
	if s == "" {
		return false
	}
	dot := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
		case r == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return true
}

func (c *checker) inn(o gjson.Result, path, name string, lengths ...int) {
	s := c.str(o, path, name, false)
	if s == "" {
		return
	}
	okLen := false
	for _, l := range lengths {
		okLen = okLen || len(s) == l
	}
	if !okLen || !validINN(s) {
		c.add(join(path, name), fmt.Sprintf("%q is not a valid INN", s))
	}
}

// validINN checks the length and the check digits of an INN.
func validINN(s string) bool {
	d := make([]int, len(s))
	for i, r := range s {
		if r < '0' || r > '9' {
			return false
		}
		d[i] = int(r - '0')
	}
	sum := func(w []int) int {
		t := 0
		for i, x := range w {
			t += x * d[i]
		}
		return t % 11 % 10
	}
	switch len(s) {
	case 10:
		return sum([]int{2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[9]
	case 12:
		return sum([]int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[10] && sum([]int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[11]
	}
	return false
}

func (c *checker) contact(o gjson.Result, path string, required bool) {
	s := c.str(o, path, "tagClientContact", required)
	if s == "" {
		return
	}
	if !isEmail(s) && !isPhone(s) {
		c.add(join(path, "tagClientContact"), fmt.Sprintf("%q is neither an email nor a phone +digits", s))
	}
}

func isEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && at == strings.LastIndexByte(s, '@') && strings.Contains(s[at+1:], ".") && !strings.ContainsAny(s, " ,;")
}

func isPhone(s string) bool {
	if !strings.HasPrefix(s, "+") || len(s) < 8 || len(s) > 16 {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// agentBits reads an integer tagAgentType in 1…127.
func (c *checker) agentBits(o gjson.Result, path string) int {
	v := o.Get("tagAgentType")
	if !v.Exists() {
		return 0
	}
	n, err := strconv.Atoi(v.Raw)
	if v.Type != gjson.Number || err != nil || n < 1 || n > 127 {
		c.add(join(path, "tagAgentType"), "must be an integer bit mask 1…127")
		return 0
	}
	return n
}

func (c *checker) receipt(cmd gjson.Result, path string) {
	c.fields(cmd, path, receiptFields)
	printable, _ := c.boolean(cmd, path, "isPrintable", true)
	c.enum(cmd, path, "sno", snos, true)
	c.contact(cmd, path, cmd.Get("isPrintable").Type == gjson.False && !printable)
	for _, f := range []string{"tagCashierName", "tagClientTitle", "tagSaleLocation", "tagAgentOperator", "tagAgentContact",
		"tagPayeeServiceOperatorContact", "tagTransferServiceOperatorTitle", "tagTransferServiceOperatorAddress",
		"tagTransferServiceOperatorContact"} {
		c.str(cmd, path, f, false)
	}
	c.inn(cmd, path, "tagCashierINN", 12)
	c.inn(cmd, path, "tagClientINN", 10, 12)
	c.inn(cmd, path, "tagTransferServiceOperatorINN", 10, 12)
	receiptBits := c.agentBits(cmd, path)

	lines := cmd.Get("lines")
	if !lines.IsArray() || len(lines.Array()) == 0 {
		c.add(join(path, "lines"), "must be a non-empty array")
		return
	}
	sum := decimal.Zero
	for i, l := range lines.Array() {
		lp := fmt.Sprintf("%s.lines[%d]", path, i)
		if !l.IsObject() {
			c.add(lp, "must be an object")
			continue
		}
		c.fields(l, lp, lineFields)
		if t := c.str(l, lp, "title", true); utf8.RuneCountInString(t) > 250 {
			c.add(lp+".title", "longer than 250 characters")
		}
		price, okP := c.amount(l, lp, "price", 2, true)
		qty, okQ := c.amount(l, lp, "quantity", 3, true)
		total, okT := c.amount(l, lp, "total", 2, true)
		if okQ && !qty.IsPositive() {
			c.add(lp+".quantity", "must be above 0")
		}
		if okP && okQ && okT {
			if want := price.Mul(qty).Round(2); !want.Equal(total) {
				c.add(lp+".total", fmt.Sprintf("%s is not price × quantity = %s", total, want.StringFixed(2)))
			}
		}
		if okT {
			sum = sum.Add(total)
		}
		c.enum(l, lp, "tax", taxes, true)
		c.enum(l, lp, "ppr", pprs, true)
		c.enum(l, lp, "psr", psrs, true)
		if bits := c.agentBits(l, lp); bits != 0 {
			if bits&(bits-1) != 0 {
				c.add(lp+".tagAgentType", "a line has exactly one agent type (one bit)")
			}
			if receiptBits != 0 && bits&receiptBits != bits {
				c.add(lp+".tagAgentType", "not among the receipt's tagAgentType bits")
			}
			if !l.Get("tagServiceProviderINN").Exists() {
				c.add(lp+".tagServiceProviderINN", "required for an agent line")
			}
		}
		c.inn(l, lp, "tagServiceProviderINN", 10, 12)
		c.str(l, lp, "tagServiceProviderTitle", false)
		if s := c.str(l, lp, "tagServiceProviderContact", false); s != "" && !isPhone(s) {
			c.add(lp+".tagServiceProviderContact", "must be a phone +digits")
		}
		if l.Get("tagTrueSign").Exists() {
			c.str(l, lp, "tagTrueSign", true)
		}
		if tags := l.Get("tags"); tags.Exists() {
			c.tags(tags, lp+".tags")
		}
	}
	paid, n := decimal.Zero, 0
	for _, f := range amountsOf {
		if a, ok := c.amount(cmd, path, f, 2, false); ok {
			paid = paid.Add(a)
			n++
		}
	}
	if n == 0 {
		c.add(path, "no payment amount (amountCash, amountElectronic, …)")
	} else if !paid.Equal(sum) {
		c.add(path, fmt.Sprintf("payments add up to %s, the lines to %s", paid.StringFixed(2), sum.StringFixed(2)))
	}
}

func (c *checker) tags(tags gjson.Result, path string) {
	if !tags.IsArray() {
		c.add(path, "must be an array")
		return
	}
	for i, t := range tags.Array() {
		tp := fmt.Sprintf("%s[%d]", path, i)
		if !t.IsObject() {
			c.add(tp, "must be an object")
			continue
		}
		c.fields(t, tp, set("id", "type", "value"))
		if id := t.Get("id"); id.Type != gjson.Number || id.Int() <= 0 || strings.ContainsAny(id.Raw, ".eE-") {
			c.add(tp+".id", "must be an FFD tag number")
		}
		c.enum(t, tp, "type", tagTypes, true)
		c.str(t, tp, "value", true)
	}
}

func (c *checker) service(cmd gjson.Result, path string, cash bool) {
	known := serviceFields
	if cash {
		known = set("type", "isPrintable", "tagCashierName", "tagCashierINN", "tagCashierInn", "tagClientContact", "amountCash")
	}
	c.fields(cmd, path, known)
	c.boolean(cmd, path, "isPrintable", false)
	c.str(cmd, path, "tagCashierName", false)
	c.inn(cmd, path, "tagCashierINN", 12)
	c.inn(cmd, path, "tagCashierInn", 12)
	c.contact(cmd, path, false)
	if !cash {
		return
	}
	a := cmd.Get("amountCash")
	if a.Type != gjson.Number {
		c.add(path+".amountCash", "must be a JSON number (the document: amountCash (число))")
		return
	}
	if d, ok := c.number(a.Raw, path+".amountCash", 2); ok && !d.IsPositive() {
		c.add(path+".amountCash", "must be above 0")
	}
}

func (c *checker) correction(cmd gjson.Result, path string) {
	c.fields(cmd, path, correctionFields)
	c.boolean(cmd, path, "isPrintable", false)
	c.enum(cmd, path, "sno", snos, true)
	c.str(cmd, path, "tagCashierName", false)
	c.inn(cmd, path, "tagCashierINN", 12)
	c.str(cmd, path, "docNumber", true)
	c.str(cmd, path, "docDescription", true)
	if d := c.str(cmd, path, "docDate", true); d != "" {
		if _, err := time.Parse("2006-01-02", d); err != nil || len(d) != 10 {
			c.add(path+".docDate", fmt.Sprintf("%q is not YYYY-MM-DD", d))
		}
	}
	c.enum(cmd, path, "correctionType", set("bySelf", "byDocument"), true)
	c.enum(cmd, path, "paymentSign", set("incoming", "outcoming"), true)
	n := 0
	for _, f := range vatSums {
		if _, ok := c.amount(cmd, path, f, 2, false); ok {
			n++
		}
	}
	if n == 0 {
		c.add(path, "no amountVat* sum")
	}
}

func (c *checker) slip(cmd gjson.Result, path, t string) {
	switch t {
	case "startSlip":
		c.fields(cmd, path, set("type"))
	case "print":
		c.fields(cmd, path, set("type", "text", "font"))
		c.str(cmd, path, "text", true)
		c.enum(cmd, path, "font", set("bold", "normal"), false)
	case "feed":
		c.fields(cmd, path, set("type", "count"))
		c.positiveInt(cmd, path, "count")
	case "printQR":
		c.fields(cmd, path, set("type", "text", "size"))
		c.str(cmd, path, "text", true)
		if cmd.Get("size").Exists() {
			c.positiveInt(cmd, path, "size")
		}
	case "endSlip":
		c.fields(cmd, path, set("type", "disablePrintFooter"))
		c.boolean(cmd, path, "disablePrintFooter", false)
	}
}

// positiveInt accepts a JSON number or a digit string ≥ 1 (the document
// writes count as a number and size as a string).
func (c *checker) positiveInt(o gjson.Result, path, name string) {
	v := o.Get(name)
	s := v.Raw
	if v.Type == gjson.String {
		s = v.Str
	}
	n, err := strconv.Atoi(s)
	if (v.Type != gjson.Number && v.Type != gjson.String) || err != nil || n < 1 {
		c.add(join(path, name), "must be a whole number ≥ 1")
	}
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if r != '-' {
				return false
			}
			continue
		}
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// qrTotal is used by the simulator: the total of a receipt for its QR code.
func qrTotal(cmd gjson.Result) string {
	sum := decimal.Zero
	for _, l := range cmd.Get("lines").Array() {
		if d, err := decimal.NewFromString(l.Get("total").String()); err == nil {
			sum = sum.Add(d)
		}
	}
	return sum.StringFixed(2)
}
