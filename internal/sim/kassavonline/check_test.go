package kassavonline

import (
	"strings"
	"testing"
)

// valid is the document's own example, with the tour price in rubles.
const valid = `{"kkm_serial_number":"02453466767","kkm_connection_key":"JKHFYX78e34GYGU","receipt":{
 "ffd":"1.05","type":"cash_in","is_electronic":0,"cashier":"Иванов И.И.","cashier_inn":"","client_tel":"","client_email":"",
 "items":[{"title":"Туристический продукт. Турция, Белек","price":105200,"quantity":1,"tax_type_name":"NO",
   "payment_type":4,"payment_subject":12,"agent_type":"NONE","suplier_name":"","suplier_inn":"","suplier_phone":""}],
 "payments":[{"type":"cash","amount":105200}]}}`

func TestCheckAcceptsDocumentExample(t *testing.T) {
	if bad := Check([]byte(valid)); len(bad) != 0 {
		t.Fatal(bad)
	}
	for _, ok := range []string{
		`{"kkm_serial_number":"1","kkm_connection_key":"k","receipt":{"type":"x-report"}}`,
		`{"kkm_serial_number":"1","kkm_connection_key":"k","receipt":{"type":"z-report"}}`,
	} {
		if bad := Check([]byte(ok)); len(bad) != 0 {
			t.Errorf("%s: %v", ok, bad)
		}
	}
}

// edit replaces old by new in the valid example (old must occur).
func edit(t *testing.T, old, new string) []byte {
	t.Helper()
	if !strings.Contains(valid, old) {
		t.Fatalf("%q not in the example", old)
	}
	return []byte(strings.Replace(valid, old, new, 1))
}

func TestCheckRejects(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		// sums
		{`"amount":105200}`, `"amount":105200.01}`, "receipt.payments: add up to 105200.01"},
		{`"quantity":1,`, `"quantity":1.5,`, "Σ price × quantity is 157800"},
		{`"price":105200,`, `"price":0.99,`, "Σ price × quantity is 0.99"},
		// exactness: 0.99 × 1.5 = 1.485 can never be paid
		{`"price":105200,"quantity":1,`, `"price":0.99,"quantity":1.5,`, "Σ price × quantity is 1.485"},
		// precision and types
		{`"price":105200,`, `"price":105200.001,`, "price: more than 2 decimals"},
		{`"quantity":1,`, `"quantity":1.0001,`, "quantity: more than 3 decimals"},
		{`"quantity":1,`, `"quantity":0,`, "quantity: out of range"},
		{`"price":105200,`, `"price":-1,`, "price: out of range"},
		{`"price":105200,`, `"price":"105200",`, "price: required JSON number"},
		{`"amount":105200}`, `"amount":"105200"}`, "amount: required JSON number"},
		{`"price":105200,`, `"price":123456789012345678901,`, "integer digits"},
		// enums
		{`"type":"cash_in"`, `"type":"cash_out"`, "receipt.type: must be one of"},
		{`"type":"cash_in"`, `"type":"return_cash_out"`, "receipt.type"},
		{`"tax_type_name":"NO"`, `"tax_type_name":"VAT22"`, "tax_type_name: not a documented value"},
		{`"tax_type_name":"NO"`, `"tax_type_name":"no"`, "tax_type_name"},
		{`"payment_type":4`, `"payment_type":8`, "payment_type: not a documented value"},
		{`"payment_type":4`, `"payment_type":"4"`, "payment_type"},
		{`"payment_subject":12`, `"payment_subject":15`, "payment_subject: not a documented value"},
		{`"payment_subject":12`, `"payment_subject":16`, "payment_subject"},
		{`"payment_subject":12`, `"payment_subject":20`, "payment_subject"},
		{`"agent_type":"NONE"`, `"agent_type":"ATTORNEY"`, "agent_type: not a documented value"},
		{`"type":"cash",`, `"type":"card",`, "payments[0].type: not a documented value"},
		{`"ffd":"1.05"`, `"ffd":"1.2"`, "receipt.ffd"},
		{`"ffd":"1.05"`, `"ffd":1.05`, "receipt.ffd"},
		{`"is_electronic":0`, `"is_electronic":2`, "is_electronic: must be the integer 0 or 1"},
		{`"is_electronic":0`, `"is_electronic":true`, "is_electronic"},
		// electronic receipts need a contact
		{`"is_electronic":0`, `"is_electronic":1`, "needs client_email or client_tel"},
		// agents
		{`"agent_type":"NONE"`, `"agent_type":"COMMISSION_AGENT"`, "suplier_name: required with agent_type COMMISSION_AGENT"},
		{`"agent_type":"NONE","suplier_name":"","suplier_inn":""`, `"agent_type":"ANOTHER","suplier_name":"ООО","suplier_inn":"12345"`, "suplier_inn: an INN has 10 or 12 digits"},
		// structure
		{`"cashier":"Иванов И.И.",`, `"cashier":"Иванов И.И.","tax_system":1,`, "receipt.tax_system: not a documented field"},
		{`"title":"Туристический продукт. Турция, Белек",`, `"title":"",`, "title: required"},
		{`"title":"Туристический продукт. Турция, Белек",`, `"title":"` + strings.Repeat("я", 129) + `",`, "longer than 128"},
		{`"title":"Туристический продукт. Турция, Белек",`, `"title":"Тур","sum":105200,`, "items[0].sum: not a documented field"},
		{`"cashier_inn":""`, `"cashier_inn":"7707083893"`, "a person's INN has 12 digits"},
		{`"client_tel":""`, `"client_tel":79123456789`, "client_tel: must be a string"},
		{`"kkm_serial_number":"02453466767"`, `"kkm_serial_number":""`, "params.kkm_serial_number"},
		{`"kkm_connection_key":"JKHFYX78e34GYGU",`, ``, "params.kkm_connection_key"},
		{`"payments":[{"type":"cash","amount":105200}]`, `"payments":[]`, "receipt.payments: required non-empty array"},
	} {
		bad := Check(edit(t, c.old, c.new))
		if !strings.Contains(strings.Join(bad, "\n"), c.want) {
			t.Errorf("%s → %s: want %q, got %v", c.old, c.new, c.want, bad)
		}
	}
	for _, b := range []string{``, `[]`, `{"receipt":1}`, `{"kkm_serial_number":"1","kkm_connection_key":"k","receipt":{"type":"x-report","ffd":"1.05"}}`} {
		if len(Check([]byte(b))) == 0 {
			t.Errorf("%s accepted", b)
		}
	}
}

// Two payments of two types adding up exactly to fractional lines pass.
func TestCheckExactFractions(t *testing.T) {
	p := `{"kkm_serial_number":"1","kkm_connection_key":"k","receipt":{"ffd":"1.05","type":"return_cash_in","is_electronic":1,
	 "client_email":"a@b.ru","items":[{"title":"Сыр","price":88.40,"quantity":1.25,"tax_type_name":"VAT10","payment_type":4,"payment_subject":1},
	 {"title":"Гвозди","price":10.00,"quantity":0.333,"tax_type_name":"VAT20","payment_type":4,"payment_subject":1}],
	 "payments":[{"type":"cash","amount":100.00},{"type":"electronically","amount":13.83}]}}`
	if bad := Check([]byte(p)); len(bad) != 0 {
		t.Fatal(bad)
	}
}
