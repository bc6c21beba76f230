package itkassa

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// validReceipt is a receipt written by hand from the document.
func validReceipt() map[string]any {
	return map[string]any{
		"creItemId": CreItemID,
		"idempKey":  "e587cc20-c627-592c-a9bc-d1fdc9c18666",
		"commands": []any{map[string]any{
			"type": "sale", "isPrintable": false, "sno": "sno_ysn_dmr",
			"tagCashierName": "Кассир", "tagCashierINN": "500100732259",
			"tagClientContact": "buyer@example.com", "tagClientINN": "7707083893",
			"tagAgentType": 36,
			"lines": []any{
				map[string]any{"title": "Чай", "price": "70.95", "quantity": "2", "total": "141.90", "tax": "vat_20", "ppr": "goods", "psr": "full_settle"},
				map[string]any{"title": "Конфеты", "price": "10.01", "quantity": "1.500", "total": "15.02", "tax": "vat_120", "ppr": "goods", "psr": "full_settle",
					"tagAgentType": 32, "tagServiceProviderINN": "7707083893", "tagServiceProviderContact": "+79001112233",
					"tags": []any{map[string]any{"id": 1162, "type": "array", "value": "15 20"}}},
			},
			"amountCash": "56.92", "amountElectronic": "100.00",
		}},
	}
}

func cmd0(m map[string]any) map[string]any { return m["commands"].([]any)[0].(map[string]any) }
func line(m map[string]any, i int) map[string]any {
	return cmd0(m)["lines"].([]any)[i].(map[string]any)
}

func check(t *testing.T, v any) []string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return Check(b)
}

func has(errs []string, prefix string) bool {
	for _, e := range errs {
		if strings.HasPrefix(e, prefix) {
			return true
		}
	}
	return false
}

func TestCheckAcceptsValid(t *testing.T) {
	if errs := check(t, validReceipt()); errs != nil {
		t.Fatal(errs)
	}
}

func TestCheckRefuses(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(m map[string]any)
		want   string // prefix of the expected message
	}{
		{"cre", func(m map[string]any) { m["creItemId"] = "${CreItemID}" }, "creItemId: "},
		{"key", func(m map[string]any) { m["idempKey"] = "key-1" }, "idempKey: must be a UUID"},
		{"no key", func(m map[string]any) { delete(m, "idempKey") }, "idempKey: a receipt must carry"},
		{"extra top", func(m map[string]any) { m["foo"] = 1 }, "foo: undocumented"},
		{"no commands", func(m map[string]any) { m["commands"] = []any{} }, "commands: must be a non-empty"},
		{"two receipts", func(m map[string]any) { m["commands"] = append(m["commands"].([]any), cmd0(validReceipt())) }, "commands: must hold one"},
		{"type", func(m map[string]any) { cmd0(m)["type"] = "refund" }, "commands[0].type: unknown"},
		{"printable", func(m map[string]any) { cmd0(m)["isPrintable"] = "no" }, "commands[0].isPrintable: must be a boolean"},
		{"sno", func(m map[string]any) { cmd0(m)["sno"] = "sno_ysn_dm" }, "commands[0].sno: "},
		{"no sno", func(m map[string]any) { delete(cmd0(m), "sno") }, "commands[0].sno: required"},
		{"no contact", func(m map[string]any) { delete(cmd0(m), "tagClientContact") }, "commands[0].tagClientContact: required"},
		{"bad contact", func(m map[string]any) { cmd0(m)["tagClientContact"] = "89123456789" }, "commands[0].tagClientContact: "},
		{"client inn", func(m map[string]any) { cmd0(m)["tagClientINN"] = "7707083894" }, "commands[0].tagClientINN: "},
		{"cashier inn", func(m map[string]any) { cmd0(m)["tagCashierINN"] = "7707083893" }, "commands[0].tagCashierINN: "},
		{"extra cmd", func(m map[string]any) { cmd0(m)["tagFoo"] = "x" }, "commands[0].tagFoo: undocumented"},
		{"no lines", func(m map[string]any) { cmd0(m)["lines"] = []any{} }, "commands[0].lines: must be"},
		{"title", func(m map[string]any) { line(m, 0)["title"] = strings.Repeat("я", 251) }, "commands[0].lines[0].title: longer"},
		{"empty title", func(m map[string]any) { line(m, 0)["title"] = " " }, "commands[0].lines[0].title: must not be empty"},
		{"price decimals", func(m map[string]any) { line(m, 0)["price"] = "70.950" }, "commands[0].lines[0].price: \"70.950\" has more than 2"},
		{"price comma", func(m map[string]any) { line(m, 0)["price"] = "70,95" }, "commands[0].lines[0].price: "},
		{"price number", func(m map[string]any) { line(m, 0)["price"] = 70.95 }, "commands[0].lines[0].price: must be a string"},
		{"price negative", func(m map[string]any) { line(m, 0)["price"] = "-70.95" }, "commands[0].lines[0].price: "},
		{"quantity decimals", func(m map[string]any) { line(m, 1)["quantity"] = "1.5000" }, "commands[0].lines[1].quantity: "},
		{"quantity zero", func(m map[string]any) { line(m, 0)["quantity"] = "0" }, "commands[0].lines[0].quantity: must be above 0"},
		{"total", func(m map[string]any) { line(m, 1)["total"] = "15.01" }, "commands[0].lines[1].total: 15.01 is not price × quantity = 15.02"},
		{"tax", func(m map[string]any) { line(m, 0)["tax"] = "vat_5" }, "commands[0].lines[0].tax: "},
		{"no tax", func(m map[string]any) { delete(line(m, 0), "tax") }, "commands[0].lines[0].tax: required"},
		{"ppr", func(m map[string]any) { line(m, 0)["ppr"] = "commodity" }, "commands[0].lines[0].ppr: "},
		{"psr", func(m map[string]any) { line(m, 0)["psr"] = "full_payment" }, "commands[0].lines[0].psr: "},
		{"agent bits", func(m map[string]any) { line(m, 1)["tagAgentType"] = 36 }, "commands[0].lines[1].tagAgentType: a line has exactly one"},
		{"agent not in receipt", func(m map[string]any) { line(m, 1)["tagAgentType"] = 64 }, "commands[0].lines[1].tagAgentType: not among"},
		{"agent range", func(m map[string]any) { cmd0(m)["tagAgentType"] = 128 }, "commands[0].tagAgentType: "},
		{"agent inn", func(m map[string]any) { delete(line(m, 1), "tagServiceProviderINN") }, "commands[0].lines[1].tagServiceProviderINN: required"},
		{"provider phone", func(m map[string]any) { line(m, 1)["tagServiceProviderContact"] = "8 900" }, "commands[0].lines[1].tagServiceProviderContact: "},
		{"tag type", func(m map[string]any) {
			line(m, 1)["tags"] = []any{map[string]any{"id": 1162, "type": "hex", "value": "15"}}
		}, "commands[0].lines[1].tags[0].type: "},
		{"tag id", func(m map[string]any) {
			line(m, 1)["tags"] = []any{map[string]any{"id": "1162", "type": "array", "value": "15"}}
		}, "commands[0].lines[1].tags[0].id: "},
		{"line field", func(m map[string]any) { line(m, 0)["vat"] = "vat_20" }, "commands[0].lines[0].vat: undocumented"},
		{"sum", func(m map[string]any) { cmd0(m)["amountCash"] = "56.91" }, "commands[0]: payments add up to 156.91, the lines to 156.92"},
		{"no payments", func(m map[string]any) { delete(cmd0(m), "amountCash"); delete(cmd0(m), "amountElectronic") }, "commands[0]: no payment amount"},
		{"amount number", func(m map[string]any) { cmd0(m)["amountCash"] = 56.92 }, "commands[0].amountCash: must be a string"},
	}
	for _, c := range cases {
		m := validReceipt()
		c.mutate(m)
		if errs := check(t, m); !has(errs, c.want) {
			t.Errorf("%s: want %q, got %v", c.name, c.want, errs)
		}
	}
	for _, bad := range []string{``, `[]`, `"x"`, `{"creItemId":`, `null`} {
		if len(Check([]byte(bad))) == 0 {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestCheckRounding: total is price × quantity rounded half up to the kopeck.
func TestCheckRounding(t *testing.T) {
	for _, c := range []struct{ price, qty, total string }{
		{"10.01", "1.5", "15.02"}, {"899.00", "0.333", "299.37"}, {"129.90", "1.237", "160.69"}, {"0.01", "0.5", "0.01"},
		{"0.01", "0.499", "0.00"}, {"1000000.00", "99999.999", "99999999000.00"},
	} {
		m := validReceipt()
		cmd0(m)["lines"] = []any{map[string]any{"title": "x", "price": c.price, "quantity": c.qty, "total": c.total, "tax": "vat_none", "ppr": "goods", "psr": "full_settle"}}
		cmd0(m)["amountCash"], cmd0(m)["amountElectronic"] = c.total, "0.00"
		delete(cmd0(m), "tagAgentType")
		if errs := check(t, m); errs != nil {
			t.Errorf("%+v: %v", c, errs)
		}
	}
}

// The document's own service examples (placeholders replaced by values).
func TestCheckDocumentExamples(t *testing.T) {
	for name, doc := range map[string]string{
		"openSession": `{"commands":[{"isPrintable":false,"tagCashierINN":"123456789047","tagCashierName":"ФИО КАССИРА","type":"openSession"}],"creItemId":"` + CreItemID + `"}`,
		"xReport":     `{"creItemId":"` + CreItemID + `","commands":[{"type":"xReport","isPrintable":true,"tagCashierName":"Кассир Талалихин В.В.","tagCashierInn":"123456789047"}]}`,
		"cashOut":     `{"creItemId":"` + CreItemID + `","commands":[{"type":"cashOut","isPrintable":true,"tagCashierName":"Кассир Талалихин В.В.","tagCashierInn":"123456789047","amountCash":500.52}]}`,
		"close":       `{"creItemId":"` + CreItemID + `","commands":[{"type":"closeSession","isPrintable":true,"tagCashierName":"Кассир Талалихин В.В.","tagCashierInn":"123456789047"}]}`,
		"correction": `{"commands":[{"docNumber":"number","docDescription":"Opisanie","docDate":"2019-11-22","correctionType":"bySelf","paymentSign":"incoming",
			"amountVatNone":"10.00","amountVat0":"0","amountVat10":"1","amountVat20":"2","amountVat110":"3","amountVat120":"4",
			"isPrintable":true,"sno":"sno_ysn_dmr","tagCashierINN":"123456789047","tagCashierName":"asdfsdafsa","type":"correction"}],"creItemId":"` + CreItemID + `"}`,
		"slip": `{"commands":[{"type":"startSlip"},{"type":"print","text":"Заголовок документа","font":"bold"},{"type":"feed","count":10},
			{"type":"print","text":"Строка 2\nСтрока 3"},{"type":"printQR","text":"номер_билета_кодировать_в_QR-код","size":"6"},
			{"type":"endSlip","disablePrintFooter":true}],"creItemId":"` + CreItemID + `"}`,
	} {
		if errs := Check([]byte(doc)); errs != nil {
			t.Errorf("%s: %v", name, errs)
		}
	}
}

func TestCheckServiceRules(t *testing.T) {
	base := `{"creItemId":"` + CreItemID + `","commands":[%s]}`
	for cmd, want := range map[string]string{
		`{"type":"cashIn","amountCash":"500.52"}`:        "commands[0].amountCash: must be a JSON number",
		`{"type":"cashIn","amountCash":500.525}`:         "commands[0].amountCash: ",
		`{"type":"cashIn","amountCash":0}`:               "commands[0].amountCash: must be above 0",
		`{"type":"cashIn","amountCash":5e2}`:             "commands[0].amountCash: ",
		`{"type":"xReport","amountCash":1}`:              "commands[0].amountCash: undocumented",
		`{"type":"openSession","tagCashierINN":"12345"}`: "commands[0].tagCashierINN: ",
		`{"type":"correction","docNumber":"1","docDescription":"x","docDate":"2019-02-30","correctionType":"bySelf","paymentSign":"incoming","sno":"sno_osn","amountVat0":"1"}`: "commands[0].docDate: ",
		`{"type":"correction","docNumber":"1","docDescription":"x","docDate":"2019-02-03","correctionType":"self","paymentSign":"incoming","sno":"sno_osn","amountVat0":"1"}`:   "commands[0].correctionType: ",
		`{"type":"correction","docNumber":"1","docDescription":"x","docDate":"2019-02-03","correctionType":"bySelf","paymentSign":"in","sno":"sno_osn","amountVat0":"1"}`:       "commands[0].paymentSign: ",
		`{"type":"correction","docNumber":"1","docDescription":"x","docDate":"2019-02-03","correctionType":"bySelf","paymentSign":"incoming","sno":"sno_osn"}`:                  "commands[0]: no amountVat",
		`{"type":"correction","docNumber":"1","docDescription":"x","docDate":"2019-02-03","correctionType":"bySelf","paymentSign":"incoming","sno":"sno_osn","amountVat7":"1"}`: "commands[0].amountVat7: undocumented",
		`{"type":"startSlip"},{"type":"print","text":"x","isPrintable":true},{"type":"endSlip"}`:                                                                                "commands[1].isPrintable: undocumented",
		`{"type":"startSlip"},{"type":"print","text":"x","font":"italic"},{"type":"endSlip"}`:                                                                                   "commands[1].font: ",
		`{"type":"startSlip"},{"type":"feed","count":0},{"type":"endSlip"}`:                                                                                                     "commands[1].count: ",
		`{"type":"startSlip"},{"type":"printQR","text":"x","size":"big"},{"type":"endSlip"}`:                                                                                    "commands[1].size: ",
		`{"type":"startSlip"},{"type":"print","text":""},{"type":"endSlip"}`:                                                                                                    "commands[1].text: must not be empty",
		`{"type":"startSlip"},{"type":"xReport"},{"type":"endSlip"}`:                                                                                                            "commands[1].type: a slip holds only",
		`{"type":"startSlip"},{"type":"endSlip","disablePrintFooter":"yes"}`:                                                                                                    "commands[1].disablePrintFooter: ",
		`{"type":"print","text":"x"}`: "commands: must hold one command, or a slip",
	} {
		if errs := Check([]byte(strings.Replace(base, "%s", cmd, 1))); !has(errs, want) {
			t.Errorf("%s: want %q, got %v", cmd, want, errs)
		}
	}
}

func TestValidINN(t *testing.T) {
	for s, want := range map[string]bool{"7707083893": true, "500100732259": true, "123456789047": true, "7707083894": false,
		"500100732258": false, "77070838": false, "770708389a": false} {
		if validINN(s) != want {
			t.Errorf("validINN(%s) != %v", s, want)
		}
	}
}

// FuzzCheck: Check never panics, and whatever it accepts is a JSON object
// with a GUID cashbox and a command list.
func FuzzCheck(f *testing.F) {
	b, _ := json.Marshal(validReceipt())
	f.Add(b)
	f.Add([]byte(`{"creItemId":"` + CreItemID + `","commands":[{"type":"cashIn","amountCash":500.52}]}`))
	f.Add([]byte(`{"creItemId":"` + CreItemID + `","commands":[{"type":"startSlip"},{"type":"endSlip"}]}`))
	f.Fuzz(func(t *testing.T, payload []byte) {
		if errs := Check(payload); errs == nil {
			if !gjson.ValidBytes(payload) || !isGUID(gjson.GetBytes(payload, "creItemId").Str) || !gjson.GetBytes(payload, "commands").IsArray() {
				t.Fatalf("accepted %s", payload)
			}
		}
	})
}
