package itkassa

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// ServiceCommand is openSession, closeSession, xReport, cashIn or cashOut.
// AmountCash is a JSON number, as the document shows it ("amountCash":
// 500.52), written from the Money text, never through float64.
type ServiceCommand struct {
	Type             string      `json:"type"`
	IsPrintable      bool        `json:"isPrintable"`
	TagCashierName   string      `json:"tagCashierName,omitempty"`
	TagCashierINN    string      `json:"tagCashierINN,omitempty"`
	TagClientContact string      `json:"tagClientContact,omitempty"`
	AmountCash       json.Number `json:"amountCash,omitempty"`
}

// CorrectionCommand is a correction receipt (FFD 1.05 tag set of the
// document: reason, date, type, sign and the VAT amounts).
type CorrectionCommand struct {
	Type           string `json:"type"`
	IsPrintable    bool   `json:"isPrintable"`
	Sno            string `json:"sno"`
	TagCashierName string `json:"tagCashierName,omitempty"`
	TagCashierINN  string `json:"tagCashierINN,omitempty"`
	DocNumber      string `json:"docNumber"`
	DocDescription string `json:"docDescription"`
	DocDate        string `json:"docDate"`
	CorrectionType string `json:"correctionType"`
	PaymentSign    string `json:"paymentSign"`
	AmountVatNone  string `json:"amountVatNone,omitempty"`
	AmountVat0     string `json:"amountVat0,omitempty"`
	AmountVat10    string `json:"amountVat10,omitempty"`
	AmountVat20    string `json:"amountVat20,omitempty"`
	AmountVat110   string `json:"amountVat110,omitempty"`
	AmountVat120   string `json:"amountVat120,omitempty"`
}

// SlipCommand is one command of a non-fiscal slip: startSlip, print, feed,
// printQR or endSlip.
type SlipCommand struct {
	Type               string `json:"type"`
	Text               string `json:"text,omitempty"`
	Font               string `json:"font,omitempty"`
	Count              int    `json:"count,omitempty"`
	Size               string `json:"size,omitempty"`
	DisablePrintFooter *bool  `json:"disablePrintFooter,omitempty"`
}

// CallbackSettings is the body of POST {API}/organization/settings.
type CallbackSettings struct {
	CallbackAPIKey string `json:"callbackApiKey"`
	ErrorEmail     string `json:"errorEmail,omitempty"`
	TestURL        string `json:"testUrl,omitempty"`
	PrintResultURL string `json:"printResultUrl"`
}

// Limits of the slip commands; the document names none, these keep the
// values within what a receipt printer does.
const (
	MaxFeed   = 255
	MaxQRSize = 16
	// CallbackKeyLimit is the longest callback key ("до 36 символов").
	CallbackKeyLimit = 36
)

var serviceTypes = map[string]string{
	provider.CmdOpenShift:  "openSession",
	provider.CmdCloseShift: "closeSession",
	provider.CmdXReport:    "xReport",
	provider.CmdCashIn:     "cashIn",
	provider.CmdCashOut:    "cashOut",
}

// Command builds a service request. See the package documentation for the
// parameters of each command.
func (itkassa) Command(cmd provider.Command, o provider.Options) (provider.Request, receipt.Problems) {
	var p receipt.Problems
	c := readConfig(o, &p)
	path := cmd.ParamsPath
	if path == "" {
		path = "command.params"
	}
	raw := cmd.Params
	if len(raw) == 0 || strings.TrimSpace(string(raw)) == "null" {
		raw = []byte("{}")
	}
	params, ok := jsonin.Parse(raw, path, &p)
	if ok && !params.IsObject() {
		ok = false
	}
	if !ok {
		return provider.Request{}, p
	}
	var req provider.Request
	switch cmd.Type {
	case provider.CmdOpenShift, provider.CmdCloseShift, provider.CmdXReport, provider.CmdCashIn, provider.CmdCashOut:
		req = c.printDocument(o, &p, params, string(cmd.Type), []any{serviceCommand(cmd.Type, params)})
	case provider.CmdCorrection:
		req = c.printDocument(o, &p, params, cmd.Type, []any{correction(params)})
	case provider.CmdSlip:
		req = c.printDocument(o, &p, params, cmd.Type, slip(params))
	case provider.CmdCashboxList:
		params.Known()
		c.need(&p, "api_key")
		req = provider.Request{Method: "GET", URL: c.URL + "/cre/items/", Headers: c.headers()}
	case provider.CmdDocumentByKey, provider.CmdStatus:
		params.Known("key", "order_id", "kind")
		c.need(&p, "api_key")
		key := documentKey(c, params)
		req = provider.Request{Method: "GET", URL: c.URL + "/print-documents/" + url.PathEscape(key) + "/idempotent", Headers: c.headers()}
	case provider.CmdCallbackSettings:
		c.need(&p, "api_key")
		body := marshal(callbackSettings(c, params))
		req = provider.Request{Method: "POST", URL: c.URL + "/organization/settings", Headers: c.headers(), Body: string(body)}
	default:
		p.Errorf(receipt.CodeUnsupported, "command.type", "provider", "itkassa", "value", quote(cmd.Type))
	}
	if p.HasErrors() {
		return provider.Request{}, p
	}
	return req, p
}

// printDocument wraps commands into a print-documents request. An "id"
// parameter makes the document idempotent: idempKey is IdempKey(creItemId,
// id, command type), so a retried cash_in with the same id is not counted
// twice.
func (c Config) printDocument(o provider.Options, p *receipt.Problems, params jsonin.Obj, typ string, cmds []any) provider.Request {
	c.need(p, "api_key", "cre_item_id")
	c.guardTest(o, p)
	doc := Document{CreItemID: c.CreItemID, Commands: cmds}
	if id := params.Str("id", false); id != "" {
		doc.IdempKey = IdempKey(c.CreItemID, id, receipt.Kind(typ))
	}
	body := marshal(doc)
	return provider.Request{Method: "POST", URL: c.URL + "/print-documents", Headers: c.headers(), Body: string(body)}
}

// serviceCommand reads {"id", "cashier": {"name", "inn"}, "printable"
// (default true), "contact", "amount" (cash_in/cash_out only, required)}.
func serviceCommand(typ string, params jsonin.Obj) ServiceCommand {
	cash := typ == provider.CmdCashIn || typ == provider.CmdCashOut
	if cash {
		params.Known("id", "cashier", "printable", "contact", "amount")
	} else {
		params.Known("id", "cashier", "printable", "contact")
	}
	sc := ServiceCommand{Type: serviceTypes[typ], IsPrintable: printable(params)}
	sc.TagCashierName, sc.TagCashierINN = cashier(params)
	sc.TagClientContact = contactPhone(params.Str("contact", false))
	if cash {
		a := params.Child("amount")
		m, ok := a.AsMoney()
		switch {
		case !a.Exists():
			params.P.Errorf(receipt.CodeRequired, a.Path, "field", "amount")
		case ok && m == 0:
			params.P.Errorf(CodeOutOfRange, a.Path, "value", m.String(), "min", "0.01", "max", receipt.MaxMoney.String())
		case ok:
			sc.AmountCash = json.Number(m.String())
		}
	}
	return sc
}

func printable(params jsonin.Obj) bool {
	if v, ok := params.Bool("printable"); ok {
		return v
	}
	return true
}

func cashier(params jsonin.Obj) (string, string) {
	c := params.Child("cashier")
	if !c.IsObject() {
		return "", ""
	}
	c.Known("name", "inn")
	return strings.TrimSpace(c.Str("name", false)), strings.TrimSpace(c.Str("inn", false))
}

// correction reads {"id", "kind": "sale"|"purchase", "correction_type":
// "self"|"instruction", "doc_number", "doc_description", "doc_date":
// "YYYY-MM-DD", "tax_system", "vat": {"none": "1.00", "vat20": "…"},
// "cashier", "printable"}.
func correction(params jsonin.Obj) CorrectionCommand {
	params.Known("id", "kind", "correction_type", "doc_number", "doc_description", "doc_date", "tax_system", "vat", "cashier", "printable")
	p := params.P
	cc := CorrectionCommand{Type: "correction", IsPrintable: printable(params)}
	cc.TagCashierName, cc.TagCashierINN = cashier(params)
	switch k := jsonin.Enum(params, "kind", receipt.Kinds); k {
	case receipt.KindSale:
		cc.PaymentSign = "incoming"
	case receipt.KindPurchase:
		cc.PaymentSign = "outcoming"
	case "":
		if !params.Child("kind").Exists() {
			p.Errorf(receipt.CodeRequired, params.Path+".kind", "field", "kind")
		}
	default:
		p.Errorf(receipt.CodeUnsupported, params.Path+".kind", "provider", "itkassa", "value", quote(string(k)))
	}
	switch t := jsonin.Enum(params, "correction_type", []string{"self", "instruction"}); t {
	case "self":
		cc.CorrectionType = "bySelf"
	case "instruction":
		cc.CorrectionType = "byDocument"
	case "":
		if !params.Child("correction_type").Exists() {
			p.Errorf(receipt.CodeRequired, params.Path+".correction_type", "field", "correction_type")
		}
	}
	cc.DocNumber = strings.TrimSpace(params.Str("doc_number", true))
	cc.DocDescription = strings.TrimSpace(params.Str("doc_description", true))
	if d := strings.TrimSpace(params.Str("doc_date", true)); d != "" {
		if _, err := time.Parse("2006-01-02", d); err != nil || len(d) != 10 {
			p.Errorf(CodeInvalidDate, params.Path+".doc_date", "value", quote(d))
		} else {
			cc.DocDate = d
		}
	}
	switch ts := jsonin.Enum(params, "tax_system", receipt.TaxSystems); ts {
	case "":
		if !params.Child("tax_system").Exists() {
			p.Errorf(receipt.CodeRequired, params.Path+".tax_system", "field", "tax_system")
		}
	default:
		cc.Sno = TaxSystems[ts]
	}
	vat := params.Child("vat")
	if !vat.IsObject() {
		if !vat.Exists() {
			p.Errorf(receipt.CodeRequired, vat.Path, "field", "vat")
		}
		return cc
	}
	fields := map[string]*string{
		"amountVatNone": &cc.AmountVatNone, "amountVat0": &cc.AmountVat0, "amountVat10": &cc.AmountVat10,
		"amountVat20": &cc.AmountVat20, "amountVat110": &cc.AmountVat110, "amountVat120": &cc.AmountVat120,
	}
	n := 0
	for _, v := range receipt.VATs {
		a := vat.Child(string(v))
		if !a.Exists() {
			continue
		}
		f, ok := CorrectionVATs[v]
		if !ok {
			p.Errorf(receipt.CodeUnsupported, a.Path, "provider", "itkassa", "value", quote(string(v)))
			continue
		}
		if m, ok := a.AsMoney(); ok {
			*fields[f] = m.String()
			n++
		}
	}
	vat.Known(vatNames()...)
	if n == 0 && !p.HasErrors() {
		p.Errorf(receipt.CodeRequired, vat.Path, "field", "vat")
	}
	return cc
}

func vatNames() []string {
	out := make([]string, len(receipt.VATs))
	for i, v := range receipt.VATs {
		out[i] = string(v)
	}
	return out
}

// slip reads {"lines": [{"type": "print", "text", "font": "bold"|"normal"},
// {"type": "feed", "count"}, {"type": "printQR", "text", "size"}],
// "disable_print_footer": bool} and frames the lines with startSlip and
// endSlip, as the document strongly recommends.
func slip(params jsonin.Obj) []any {
	params.Known("id", "lines", "disable_print_footer")
	p := params.P
	cmds := []any{SlipCommand{Type: "startSlip"}}
	lines := params.Array("lines")
	if len(lines) == 0 {
		p.Errorf(receipt.CodeRequired, params.Path+".lines", "field", "lines")
	}
	for _, l := range lines {
		if !l.IsObject() {
			if !l.Exists() {
				p.Errorf(receipt.CodeWrongType, l.Path, "expected", "object", "got", "null")
			}
			continue
		}
		switch t := jsonin.Enum(l, "type", []string{"print", "feed", "printQR"}); t {
		case "print":
			l.Known("type", "text", "font")
			cmds = append(cmds, SlipCommand{Type: t, Text: l.Str("text", true), Font: jsonin.Enum(l, "font", []string{"bold", "normal"})})
		case "feed":
			l.Known("type", "count")
			cmds = append(cmds, SlipCommand{Type: t, Count: intIn(l, "count", 1, MaxFeed)})
		case "printQR":
			l.Known("type", "text", "size")
			sc := SlipCommand{Type: t, Text: l.Str("text", true)}
			if l.Child("size").Exists() {
				sc.Size = strconv.Itoa(intIn(l, "size", 1, MaxQRSize))
			}
			cmds = append(cmds, sc)
		case "":
			if !l.Child("type").Exists() {
				p.Errorf(receipt.CodeRequired, l.Path+".type", "field", "type")
			}
		}
	}
	end := SlipCommand{Type: "endSlip"}
	if v, ok := params.Bool("disable_print_footer"); ok {
		end.DisablePrintFooter = &v
	}
	return append(cmds, end)
}

// intIn reads a required whole number (JSON number or string) in [lo, hi].
func intIn(o jsonin.Obj, name string, lo, hi int) int {
	c := o.Child(name)
	d, text, ok := c.AsDecimal()
	if !ok {
		if !c.Exists() {
			o.P.Errorf(receipt.CodeRequired, c.Path, "field", name)
		}
		return 0
	}
	if !d.IsInteger() || d.LessThan(decimalInt(lo)) || d.GreaterThan(decimalInt(hi)) {
		o.P.Errorf(CodeOutOfRange, c.Path, "value", quote(text), "min", strconv.Itoa(lo), "max", strconv.Itoa(hi))
		return 0
	}
	return int(d.IntPart())
}

// documentKey reads {"key"} or {"order_id", "kind"}: the key is the one
// Build sent, IdempKey(cre_item_id, order_id, kind).
func documentKey(c Config, params jsonin.Obj) string {
	p := params.P
	if k := strings.TrimSpace(params.Str("key", false)); k != "" {
		if !IsGUID(k) {
			p.Errorf(CodeInvalidUUID, params.Path+".key", "value", quote(k))
		}
		return strings.ToLower(k)
	}
	id := strings.TrimSpace(params.Str("order_id", false))
	kind := jsonin.Enum(params, "kind", receipt.Kinds)
	if id == "" {
		p.Errorf(receipt.CodeRequired, params.Path+".key", "field", "key")
		return ""
	}
	if kind == "" {
		if !params.Child("kind").Exists() {
			kind = receipt.KindSale
		} else {
			return ""
		}
	}
	c.need(p, "cre_item_id")
	return IdempKey(c.CreItemID, id, kind)
}

// callbackSettings reads {"callback_api_key" (default: the settings'
// callback_api_key), "error_email", "test_url", "print_result_url"}.
func callbackSettings(c Config, params jsonin.Obj) CallbackSettings {
	params.Known("callback_api_key", "error_email", "test_url", "print_result_url")
	p := params.P
	cs := CallbackSettings{}
	key, keyPath := params.Str("callback_api_key", false), params.Path+".callback_api_key"
	if key == "" {
		key, keyPath = c.CallbackKey, c.Path+".callback_api_key"
	}
	switch {
	case key == "":
		p.Errorf(receipt.CodeRequired, keyPath, "field", "callback_api_key")
	case !ValidCallbackKey(key):
		p.Errorf(CodeInvalidKey, keyPath)
	default:
		cs.CallbackAPIKey = key
	}
	if e := strings.TrimSpace(params.Str("error_email", false)); e != "" {
		if !plausibleEmail(e) {
			p.Errorf(receipt.CodeEmail, params.Path+".error_email", "value", quote(e))
		}
		cs.ErrorEmail = e
	}
	for _, f := range []struct {
		name     string
		dst      *string
		required bool
	}{{"test_url", &cs.TestURL, false}, {"print_result_url", &cs.PrintResultURL, true}} {
		u := strings.TrimSpace(params.Str(f.name, f.required))
		if u == "" {
			continue
		}
		if !absoluteHTTP(u) {
			p.Errorf(CodeInvalidURL, params.Path+"."+f.name, "value", quote(u))
		}
		*f.dst = u
	}
	return cs
}

// ValidCallbackKey reports whether k fits the document's rule for the
// callback key: "*, 0-9, a-z. До 36 символов". The asterisk is read as the
// form's required-field mark, so a key is 1 to 36 characters 0-9 and a-z.
func ValidCallbackKey(k string) bool {
	if len(k) == 0 || len(k) > CallbackKeyLimit {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'z') {
			return false
		}
	}
	return true
}

func plausibleEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && at == strings.LastIndexByte(s, '@') && at < len(s)-1 &&
		strings.Contains(s[at:], ".") && !strings.ContainsAny(s, " \t\r\n,;<>")
}
