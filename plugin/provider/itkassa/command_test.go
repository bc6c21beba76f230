package itkassa

import (
	"reflect"
	"strings"
	"testing"

	sim "github.com/kopeck/kopeck/internal/sim/itkassa"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

func cmd(t *testing.T, typ, params string, o provider.Options) (provider.Request, receipt.Problems) {
	t.Helper()
	r, p := New().Command(provider.Command{Type: typ, Params: []byte(params), ParamsPath: "command.params"}, o)
	noSecrets(t, p)
	return r, p
}

// okCmd requires a request without errors; print-documents bodies must
// pass the simulator's checker.
func okCmd(t *testing.T, typ, params string) provider.Request {
	t.Helper()
	r, p := cmd(t, typ, params, opts())
	if p.HasErrors() {
		t.Fatalf("%s: %v", typ, p)
	}
	if r.Headers["X-API-Key"] != testAPIKey || r.Headers["Content-Type"] != ContentType {
		t.Fatalf("headers %v", r.Headers)
	}
	if strings.HasSuffix(r.URL, "/print-documents") {
		if errs := sim.Check([]byte(r.Body)); len(errs) > 0 {
			t.Fatalf("%s: Check refuses %s: %v", typ, r.Body, errs)
		}
	}
	return r
}

func failCmd(t *testing.T, typ, params, code, path string) {
	t.Helper()
	r, p := cmd(t, typ, params, opts())
	mustProblem(t, p, receipt.SeverityError, code, path)
	if r.URL != "" {
		t.Fatalf("request despite errors: %+v", r)
	}
}

func same(t *testing.T, body, want string) {
	t.Helper()
	if !reflect.DeepEqual(decode(t, []byte(body)), decode(t, []byte(want))) {
		t.Fatalf("body\n%s\nwant\n%s", body, want)
	}
}

func TestServiceCommands(t *testing.T) {
	for typ, itk := range map[string]string{provider.CmdOpenShift: "openSession", provider.CmdCloseShift: "closeSession", provider.CmdXReport: "xReport"} {
		r := okCmd(t, typ, `{"cashier":{"name":"Кассир Талалихин В.В.","inn":"123456789047"}}`)
		if r.Method != "POST" || r.URL != sandboxURL+"/print-documents" {
			t.Fatalf("%+v", r)
		}
		same(t, r.Body, `{"creItemId":"`+testCre+`","commands":[{"type":"`+itk+`","isPrintable":true,
			"tagCashierName":"Кассир Талалихин В.В.","tagCashierINN":"123456789047"}]}`)
	}
	r := okCmd(t, provider.CmdOpenShift, `{"printable":false,"contact":"cl@mail.ru","id":"shift-2024-01-15"}`)
	same(t, r.Body, `{"creItemId":"`+testCre+`","idempKey":"`+IdempKey(testCre, "shift-2024-01-15", "open_shift")+`",
		"commands":[{"type":"openSession","isPrintable":false,"tagClientContact":"cl@mail.ru"}]}`)
	r = okCmd(t, provider.CmdXReport, ``)
	same(t, r.Body, `{"creItemId":"`+testCre+`","commands":[{"type":"xReport","isPrintable":true}]}`)
	failCmd(t, provider.CmdXReport, `[]`, receipt.CodeWrongType, "command.params")
	failCmd(t, provider.CmdXReport, `{"printable":"maybe"}`, receipt.CodeWrongType, "command.params.printable")
}

func TestCashInOut(t *testing.T) {
	r := okCmd(t, provider.CmdCashOut, `{"amount":"500.52","cashier":{"name":"Кассир"}}`)
	// amountCash is a JSON number as in the document's example, exact.
	if !strings.Contains(r.Body, `"amountCash":500.52`) {
		t.Fatal(r.Body)
	}
	same(t, r.Body, `{"creItemId":"`+testCre+`","commands":[{"type":"cashOut","isPrintable":true,"tagCashierName":"Кассир","amountCash":500.52}]}`)
	r = okCmd(t, provider.CmdCashIn, `{"amount":10000000000.1}`)
	if !strings.Contains(r.Body, `"type":"cashIn"`) || !strings.Contains(r.Body, `"amountCash":10000000000.10`) {
		t.Fatal(r.Body)
	}
	failCmd(t, provider.CmdCashIn, `{}`, receipt.CodeRequired, "command.params.amount")
	failCmd(t, provider.CmdCashIn, `{"amount":"0"}`, CodeOutOfRange, "command.params.amount")
	failCmd(t, provider.CmdCashIn, `{"amount":"1.005"}`, receipt.CodeTooManyDecimals, "command.params.amount")
	failCmd(t, provider.CmdCashIn, `{"amount":"-5"}`, receipt.CodeNegative, "command.params.amount")
	failCmd(t, provider.CmdCashIn, `{"amount":"abc"}`, receipt.CodeNotNumber, "command.params.amount")
}

func TestCorrection(t *testing.T) {
	r := okCmd(t, provider.CmdCorrection, `{"kind":"sale","correction_type":"self","doc_number":"12","doc_description":"Не пробит чек",
		"doc_date":"2019-11-22","tax_system":"usn_income_outcome","vat":{"none":"100.00","vat120":"16.67"},
		"cashier":{"name":"asdfsdafsa","inn":"123456789047"}}`)
	same(t, r.Body, `{"creItemId":"`+testCre+`","commands":[{"type":"correction","isPrintable":true,"sno":"sno_ysn_dmr",
		"tagCashierName":"asdfsdafsa","tagCashierINN":"123456789047","docNumber":"12","docDescription":"Не пробит чек",
		"docDate":"2019-11-22","correctionType":"bySelf","paymentSign":"incoming","amountVatNone":"100.00","amountVat120":"16.67"}]}`)
	r = okCmd(t, provider.CmdCorrection, `{"kind":"purchase","correction_type":"instruction","doc_number":"1","doc_description":"x",
		"doc_date":"2024-02-29","tax_system":"osn","vat":{"vat0":"1","vat10":"2","vat20":"3","vat110":"4"}}`)
	c := command0(t, []byte(r.Body))
	if c["correctionType"] != "byDocument" || c["paymentSign"] != "outcoming" || c["amountVat0"] != "1.00" || c["amountVat110"] != "4.00" {
		t.Fatal(r.Body)
	}
	base := `"kind":"sale","correction_type":"self","doc_number":"1","doc_description":"x","tax_system":"osn","vat":{"none":"1"}`
	failCmd(t, provider.CmdCorrection, `{`+base+`,"doc_date":"2023-02-29"}`, CodeInvalidDate, "command.params.doc_date")
	failCmd(t, provider.CmdCorrection, `{`+base+`,"doc_date":"22.11.2019"}`, CodeInvalidDate, "command.params.doc_date")
	failCmd(t, provider.CmdCorrection, `{`+base+`}`, receipt.CodeRequired, "command.params.doc_date")
	failCmd(t, provider.CmdCorrection, `{"kind":"sale_refund","correction_type":"self","doc_number":"1","doc_description":"x","doc_date":"2024-01-01","tax_system":"osn","vat":{"none":"1"}}`,
		receipt.CodeUnsupported, "command.params.kind")
	failCmd(t, provider.CmdCorrection, `{"kind":"sale","correction_type":"other","doc_number":"1","doc_description":"x","doc_date":"2024-01-01","tax_system":"osn","vat":{"none":"1"}}`,
		receipt.CodeUnknownValue, "command.params.correction_type")
	failCmd(t, provider.CmdCorrection, `{"kind":"sale","correction_type":"self","doc_number":"1","doc_description":"x","doc_date":"2024-01-01","tax_system":"osn","vat":{"vat5":"1"}}`,
		receipt.CodeUnsupported, "command.params.vat.vat5")
	failCmd(t, provider.CmdCorrection, `{"kind":"sale","correction_type":"self","doc_number":"1","doc_description":"x","doc_date":"2024-01-01","tax_system":"osn","vat":{}}`,
		receipt.CodeRequired, "command.params.vat")
	_, p := cmd(t, provider.CmdCorrection, `{}`, opts())
	for _, f := range []string{"kind", "correction_type", "doc_number", "doc_description", "doc_date", "tax_system", "vat"} {
		mustProblem(t, p, receipt.SeverityError, receipt.CodeRequired, "command.params."+f)
	}
}

func TestSlip(t *testing.T) {
	r := okCmd(t, provider.CmdSlip, `{"lines":[{"type":"print","text":"Заголовок документа","font":"bold"},{"type":"feed","count":10},
		{"type":"print","text":"Строка 2\nСтрока 3"},{"type":"printQR","text":"номер_билета","size":6}],"disable_print_footer":true}`)
	same(t, r.Body, `{"creItemId":"`+testCre+`","commands":[{"type":"startSlip"},
		{"type":"print","text":"Заголовок документа","font":"bold"},{"type":"feed","count":10},
		{"type":"print","text":"Строка 2\nСтрока 3"},{"type":"printQR","text":"номер_билета","size":"6"},
		{"type":"endSlip","disablePrintFooter":true}]}`)
	failCmd(t, provider.CmdSlip, `{}`, receipt.CodeRequired, "command.params.lines")
	failCmd(t, provider.CmdSlip, `{"lines":[{"type":"feed","count":0}]}`, CodeOutOfRange, "command.params.lines[0].count")
	failCmd(t, provider.CmdSlip, `{"lines":[{"type":"feed","count":1.5}]}`, CodeOutOfRange, "command.params.lines[0].count")
	failCmd(t, provider.CmdSlip, `{"lines":[{"type":"feed"}]}`, receipt.CodeRequired, "command.params.lines[0].count")
	failCmd(t, provider.CmdSlip, `{"lines":[{"type":"printQR","text":"x","size":"99"}]}`, CodeOutOfRange, "command.params.lines[0].size")
	failCmd(t, provider.CmdSlip, `{"lines":[{"type":"print","text":""}]}`, receipt.CodeRequired, "command.params.lines[0].text")
	failCmd(t, provider.CmdSlip, `{"lines":[{"type":"print","text":"x","font":"italic"}]}`, receipt.CodeUnknownValue, "command.params.lines[0].font")
	failCmd(t, provider.CmdSlip, `{"lines":[{"type":"beep"}]}`, receipt.CodeUnknownValue, "command.params.lines[0].type")
	failCmd(t, provider.CmdSlip, `{"lines":[{"text":"x"}]}`, receipt.CodeRequired, "command.params.lines[0].type")
	failCmd(t, provider.CmdSlip, `{"lines":[null]}`, receipt.CodeWrongType, "command.params.lines[0]")
}

func TestCashboxList(t *testing.T) {
	r := okCmd(t, provider.CmdCashboxList, `{}`)
	if r.Method != "GET" || r.URL != sandboxURL+"/cre/items/" || r.Body != "" {
		t.Fatalf("%+v", r)
	}
	// no cashbox needed to list the cashboxes
	if _, p := cmd(t, provider.CmdCashboxList, `{}`, optsWith(map[string]any{"url": sandboxURL, "cre_item_id": nil})); p.HasErrors() {
		t.Fatal(p)
	}
	_, p := cmd(t, provider.CmdCashboxList, `{}`, optsWith(map[string]any{"api_key": nil}))
	mustProblem(t, p, receipt.SeverityError, receipt.CodeRequired, "settings.itkassa.api_key")
}

func TestDocumentByKey(t *testing.T) {
	key := IdempKey(testCre, "1042", receipt.KindSale)
	for _, params := range []string{`{"key":"` + key + `"}`, `{"key":"` + strings.ToUpper(key) + `"}`,
		`{"order_id":"1042","kind":"sale"}`, `{"order_id":1042}`} {
		r := okCmd(t, provider.CmdDocumentByKey, params)
		if r.Method != "GET" || r.URL != sandboxURL+"/print-documents/"+key+"/idempotent" {
			t.Fatalf("%s: %+v", params, r)
		}
	}
	// the same key as Build sent
	b, _ := build(t, sale(), opts())
	if decode(t, b.Payload)["idempKey"] != key {
		t.Fatal("Build and document_by_key disagree")
	}
	r := okCmd(t, provider.CmdStatus, `{"order_id":"1042","kind":"sale_refund"}`)
	if !strings.Contains(r.URL, IdempKey(testCre, "1042", receipt.KindSaleRefund)) {
		t.Fatal(r.URL)
	}
	failCmd(t, provider.CmdDocumentByKey, `{}`, receipt.CodeRequired, "command.params.key")
	failCmd(t, provider.CmdDocumentByKey, `{"key":"../../organization"}`, CodeInvalidUUID, "command.params.key")
	failCmd(t, provider.CmdDocumentByKey, `{"order_id":"1","kind":"gift"}`, receipt.CodeUnknownValue, "command.params.kind")
	_, p := cmd(t, provider.CmdDocumentByKey, `{"order_id":"1"}`, optsWith(map[string]any{"url": sandboxURL, "cre_item_id": nil}))
	mustProblem(t, p, receipt.SeverityError, receipt.CodeRequired, "settings.itkassa.cre_item_id")
}

func TestCallbackSettings(t *testing.T) {
	r := okCmd(t, provider.CmdCallbackSettings, `{"error_email":"error@email.tt","test_url":"https://callback.domain.tt/test.php",
		"print_result_url":"https://callback.domain.tt/print-result.php"}`)
	if r.Method != "POST" || r.URL != sandboxURL+"/organization/settings" {
		t.Fatalf("%+v", r)
	}
	same(t, r.Body, `{"callbackApiKey":"`+testCbKey+`","errorEmail":"error@email.tt","testUrl":"https://callback.domain.tt/test.php",
		"printResultUrl":"https://callback.domain.tt/print-result.php"}`)
	r = okCmd(t, provider.CmdCallbackSettings, `{"callback_api_key":"`+strings.Repeat("z9", 18)+`","print_result_url":"http://shop.local/cb"}`)
	if !strings.Contains(r.Body, strings.Repeat("z9", 18)) || strings.Contains(r.Body, "testUrl") {
		t.Fatal(r.Body)
	}
	failCmd(t, provider.CmdCallbackSettings, `{"callback_api_key":"Secret-Key","print_result_url":"https://x.tt/cb"}`, CodeInvalidKey, "command.params.callback_api_key")
	failCmd(t, provider.CmdCallbackSettings, `{"callback_api_key":"`+strings.Repeat("a", 37)+`","print_result_url":"https://x.tt/cb"}`, CodeInvalidKey, "command.params.callback_api_key")
	failCmd(t, provider.CmdCallbackSettings, `{}`, receipt.CodeRequired, "command.params.print_result_url")
	failCmd(t, provider.CmdCallbackSettings, `{"print_result_url":"/cb"}`, CodeInvalidURL, "command.params.print_result_url")
	failCmd(t, provider.CmdCallbackSettings, `{"print_result_url":"https://x.tt/cb","error_email":"nope"}`, receipt.CodeEmail, "command.params.error_email")
	_, p := cmd(t, provider.CmdCallbackSettings, `{"print_result_url":"https://x.tt/cb"}`, optsWith(map[string]any{"url": sandboxURL, "callback_api_key": nil}))
	mustProblem(t, p, receipt.SeverityError, receipt.CodeRequired, "settings.itkassa.callback_api_key")
	_, p = cmd(t, provider.CmdCallbackSettings, `{"print_result_url":"https://x.tt/cb"}`, optsWith(map[string]any{"url": sandboxURL, "callback_api_key": "BAD KEY"}))
	mustProblem(t, p, receipt.SeverityError, CodeInvalidKey, "settings.itkassa.callback_api_key")
	if strings.Contains(p.Error(), "BAD KEY") {
		t.Fatal("the key leaked into a message")
	}
}

func TestValidCallbackKey(t *testing.T) {
	for k, want := range map[string]bool{"a": true, "0123456789abcdefghijklmnopqrstuvwxyz": true, "": false,
		"0123456789abcdefghijklmnopqrstuvwxyz0": false, "ABC": false, "a-b": false, "a*b": false, "ключ": false} {
		if ValidCallbackKey(k) != want {
			t.Errorf("ValidCallbackKey(%q) != %v", k, want)
		}
	}
}

func TestCommandUnsupportedAndGuard(t *testing.T) {
	failCmd(t, provider.CmdInfo, `{}`, receipt.CodeUnsupported, "command.type")
	failCmd(t, "reboot", `{}`, receipt.CodeUnsupported, "command.type")
	failCmd(t, provider.CmdXReport, `{`, receipt.CodeInvalidJSON, "command.params")
	// printing commands are refused in test mode at the production address
	for _, typ := range []string{provider.CmdOpenShift, provider.CmdCashIn, provider.CmdSlip} {
		_, p := cmd(t, typ, `{"amount":"1","lines":[{"type":"print","text":"x"}]}`, optsWith(nil))
		mustProblem(t, p, receipt.SeverityError, CodeNoTestEndpoint, "settings.test")
	}
	// reading is not
	if _, p := cmd(t, provider.CmdCashboxList, `{}`, optsWith(nil)); p.HasErrors() {
		t.Fatal(p)
	}
	o := optsWith(nil)
	o.Test = false
	r, p := cmd(t, provider.CmdCloseShift, `{}`, o)
	if p.HasErrors() || r.URL != DefaultURL+"/print-documents" {
		t.Fatal(p, r.URL)
	}
	_, p = cmd(t, provider.CmdCloseShift, `{"cashier":{"name":"x"},"extra":1}`, opts())
	mustProblem(t, p, receipt.SeverityWarning, "unknown_field", "command.params.extra")
}
