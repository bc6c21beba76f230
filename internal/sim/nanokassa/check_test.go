package nanokassa

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"
)

// docExample is the request of nanokassa-api.txt verbatim, with the closing
// brace the document leaves out.
const docExample = `{
    "kassaid": "123456",
    "kassatoken": "12345678912345678912345678912345",
    "cms": "ss7-7.3.0.209",
    "check_send_type": "email",
    "name_zakaz":"заказ 51",
    "check_vend_address": "Address of vending machine",
    "check_vend_mesto": "Place of vending machine ",
    "check_vend_num_avtovat": "Number of vending machine ",
    "products_arr": [{
        "name_tovar": "Name of product 1", "price_piece_bez_skidki": 7744, "skidka": 1297, "kolvo": 2,
        "price_piece": 7095, "summa": 14191, "stavka_nds": 6, "priznak_sposoba_rascheta": 4,
        "priznak_predmeta_rascheta": 1, "priznak_agenta": "none", "phone_oper_perevoda": "",
        "operation_plat_agenta": "", "phone_oper_priem_plat": "", "name_oper_perevoda": "",
        "address_oper_perevoda": "", "inn_oper_perevoda": "", "phone_postavshika": "", "name_postavshika": "",
        "discount": {"type": "amount", "value": 12.97}
    }, {
        "name_tovar": "Name of product 2", "price_piece_bez_skidki": 155, "skidka": 26, "kolvo": 2,
        "price_piece": 142, "summa": 284, "stavka_nds": 6, "priznak_sposoba_rascheta": 4,
        "priznak_predmeta_rascheta": 4, "priznak_agenta": "none", "phone_oper_perevoda": "",
        "operation_plat_agenta": "", "phone_oper_priem_plat": "", "name_oper_perevoda": "",
        "address_oper_perevoda": "", "inn_oper_perevoda": "", "phone_postavshika": "", "name_postavshika": "",
        "discount": {"type": "amount", "value": 0.26}
    }, {
        "name_tovar": "Name of product 3 (marking)", "price_piece_bez_skidki": 2277, "skidka": 191, "kolvo": 1,
        "price_piece": 2086, "summa": 2086, "stavka_nds": 6, "priznak_sposoba_rascheta": 4,
        "priznak_predmeta_rascheta": 1, "priznak_agenta": "none", "code_tov_nomen": "818208-B21",
        "phone_oper_perevoda": "", "operation_plat_agenta": "", "phone_oper_priem_plat": "",
        "name_oper_perevoda": "", "address_oper_perevoda": "", "inn_oper_perevoda": "",
        "phone_postavshika": "", "name_postavshika": "",
        "discount": {"type": "amount", "value": 1.91}
    }, {
        "name_tovar": "Delivery by some transport company", "price_piece": 30000, "summa": 30000, "kolvo": 1,
        "stavka_nds": 6, "priznak_sposoba_rascheta": 4, "priznak_predmeta_rascheta": 1, "priznak_agenta": "none",
        "phone_oper_perevoda": "", "operation_plat_agenta": "", "phone_oper_priem_plat": "",
        "name_oper_perevoda": "", "address_oper_perevoda": "", "inn_oper_perevoda": "",
        "phone_postavshika": "", "name_postavshika": "", "deliveryposition": "yes"
    }],
    "oplata_arr": {
        "rezhim_nalog": "2", "money_nal": 0, "money_electro": 46561, "money_predoplata": 0,
        "money_postoplata": 0, "money_vstrecha": 0, "kassir_inn": "", "kassir_fio": "",
        "client_email": "client@example.com", "client_phone": "123"
    },
    "itog_arr": {"priznak_rascheta": 1, "itog_cheka": 46561}
}`

// TestDocumentExample: the checker finds exactly the document's own
// mistakes: 2 × 7095 is not 14191, the machine number has 26 characters
// (limit 20), and the request forgets "test".
func TestDocumentExample(t *testing.T) {
	got := Check([]byte(docExample))
	want := []string{
		"check_vend_num_avtovat has 26 characters, more than 20",
		"products_arr[0].summa 14191 != kolvo × price_piece = 14190",
		"test is required (0 or 1)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// valid is the document's example with its mistakes fixed (line 1 split
// as kopeck does it; a short machine number; test).
func valid(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(docExample))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	m["test"] = "1"
	m["check_vend_num_avtovat"] = "VM-1"
	p := m["products_arr"].([]any)
	first := p[0].(map[string]any)
	second := map[string]any{}
	for k, v := range first {
		second[k] = v
	}
	first["kolvo"], first["summa"], first["skidka"], first["discount"] = json.Number("1"), json.Number("7095"), json.Number("649"), map[string]any{"type": "amount", "value": json.Number("6.49")}
	second["kolvo"], second["price_piece"], second["summa"], second["skidka"], second["discount"] = json.Number("1"), json.Number("7096"), json.Number("7096"), json.Number("648"), map[string]any{"type": "amount", "value": json.Number("6.48")}
	m["products_arr"] = append([]any{first, second}, p[1:]...)
	return m
}

func checkOf(t *testing.T, m map[string]any) []string {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return Check(b)
}

func TestValidPasses(t *testing.T) {
	if bad := checkOf(t, valid(t)); bad != nil {
		t.Fatalf("fixed example: %v", bad)
	}
}

func TestEveryRule(t *testing.T) {
	prod := func(m map[string]any, i int) map[string]any { return m["products_arr"].([]any)[i].(map[string]any) }
	op := func(m map[string]any) map[string]any { return m["oplata_arr"].(map[string]any) }
	cases := []struct {
		name   string
		mutate func(m map[string]any)
		want   string
	}{
		{"missing kassaid", func(m map[string]any) { delete(m, "kassaid") }, "kassaid is required"},
		{"kassatoken number", func(m map[string]any) { m["kassatoken"] = json.Number("1") }, "kassatoken must be a string"},
		{"no cms", func(m map[string]any) { m["cms"] = "" }, "cms is required"},
		{"send type", func(m map[string]any) { m["check_send_type"] = "print" }, "check_send_type \"print\""},
		{"unknown field", func(m map[string]any) { m["extra"] = 1 }, "extra is not a documented field"},
		{"test 2", func(m map[string]any) { m["test"] = "2" }, "test \"2\" is not 0 or 1"},
		{"vending partial", func(m map[string]any) { delete(m, "check_vend_mesto") }, "check_vend_mesto is required"},
		{"vending address long", func(m map[string]any) { m["check_vend_address"] = strings.Repeat("ж", 257) }, "check_vend_address has 257 characters"},
		{"no products", func(m map[string]any) { m["products_arr"] = []any{} }, "products_arr must be a non-empty array"},
		{"name 66", func(m map[string]any) { prod(m, 0)["name_tovar"] = strings.Repeat("ы", 66) }, "name_tovar has 66 characters"},
		{"summa", func(m map[string]any) { prod(m, 2)["summa"] = json.Number("285") }, "products_arr[2].summa 285 != kolvo × price_piece = 284"},
		{"skidka", func(m map[string]any) { prod(m, 2)["skidka"] = json.Number("25") }, "products_arr[2].skidka 25 != price_piece_bez_skidki × kolvo − summa = 26"},
		{"price float", func(m map[string]any) { prod(m, 2)["price_piece"] = json.Number("142.0") }, "price_piece 142.0 is not a non-negative integer"},
		{"negative", func(m map[string]any) { prod(m, 2)["price_piece_bez_skidki"] = json.Number("-1") }, "price_piece_bez_skidki -1 is not a non-negative integer"},
		{"kolvo 4 decimals", func(m map[string]any) { prod(m, 2)["kolvo"] = json.Number("2.0001") }, "kolvo 2.0001 has more than 3 decimals"},
		{"kolvo zero", func(m map[string]any) { prod(m, 2)["kolvo"] = json.Number("0") }, "kolvo 0 must be greater than zero"},
		{"kolvo string", func(m map[string]any) { prod(m, 2)["kolvo"] = "2" }, "kolvo is required: a number"},
		{"vat 7", func(m map[string]any) { prod(m, 2)["stavka_nds"] = json.Number("7") }, "stavka_nds 7 is not a documented code"},
		{"method 8", func(m map[string]any) { prod(m, 2)["priznak_sposoba_rascheta"] = json.Number("8") }, "priznak_sposoba_rascheta 8"},
		{"subject 7", func(m map[string]any) { prod(m, 2)["priznak_predmeta_rascheta"] = json.Number("7") }, "priznak_predmeta_rascheta 7"},
		{"subject 14", func(m map[string]any) { prod(m, 2)["priznak_predmeta_rascheta"] = json.Number("14") }, "priznak_predmeta_rascheta 14"},
		{"agent int", func(m map[string]any) { prod(m, 2)["priznak_agenta"] = json.Number("5") }, "priznak_agenta is required: a string"},
		{"agent 7", func(m map[string]any) { prod(m, 2)["priznak_agenta"] = "7" }, "priznak_agenta \"7\" is not none or 0..6"},
		{"agent data", func(m map[string]any) { prod(m, 2)["priznak_agenta"] = "5" }, "products_arr[2].name_postavshika is required for priznak_agenta 5"},
		{"bank agent data", func(m map[string]any) { prod(m, 2)["priznak_agenta"] = "0" }, "products_arr[2].inn_oper_perevoda is required for priznak_agenta 0"},
		{"paying agent data", func(m map[string]any) { prod(m, 2)["priznak_agenta"] = "3" }, "products_arr[2].phone_plat_agent is required for priznak_agenta 3"},
		{"discount value", func(m map[string]any) {
			prod(m, 2)["discount"] = map[string]any{"type": "amount", "value": json.Number("0.27")}
		}, "discount.value 0.27 is not skidka 26 in rubles"},
		{"discount type", func(m map[string]any) {
			prod(m, 2)["discount"] = map[string]any{"type": "percent", "value": json.Number("0.26")}
		}, "discount.type must be \"amount\""},
		{"discount missing", func(m map[string]any) { delete(prod(m, 2), "discount") }, "discount is required with skidka 26"},
		{"delivery", func(m map[string]any) { prod(m, 4)["deliveryposition"] = "no" }, "deliveryposition must be \"yes\""},
		{"rezhim 6", func(m map[string]any) { op(m)["rezhim_nalog"] = "6" }, "rezhim_nalog \"6\" is not 0..5"},
		{"money missing", func(m map[string]any) { delete(op(m), "money_vstrecha") }, "money_vstrecha is required"},
		{"phone plus", func(m map[string]any) { op(m)["client_phone"] = "+79123456789" }, "client_phone \"+79123456789\" must have only digits"},
		{"email", func(m map[string]any) { op(m)["client_email"] = "not an email" }, "does not pass email validation"},
		{"email needed", func(m map[string]any) { op(m)["client_email"] = "" }, "check_send_type email without oplata_arr.client_email"},
		{"kassir inn", func(m map[string]any) { op(m)["kassir_inn"] = "123" }, "kassir_inn \"123\" is not an INN"},
		{"money sum", func(m map[string]any) { op(m)["money_nal"] = json.Number("1") }, "itog_cheka 46561 != sum of money_* 46562"},
		{"itog", func(m map[string]any) { m["itog_arr"].(map[string]any)["itog_cheka"] = json.Number("46560") }, "itog_cheka 46560 != sum of summa 46561"},
		{"kind 5", func(m map[string]any) { m["itog_arr"].(map[string]any)["priznak_rascheta"] = json.Number("5") }, "priznak_rascheta 5 is not 1..4"},
		{"korr on a sale", func(m map[string]any) {
			m["korr_arr"] = map[string]any{"name_doc_korr": "a", "date_doc_korr": "1", "num_doc_korr": "1"}
		}, "korr_arr only belongs to a refund"},
		{"korr date", func(m map[string]any) {
			m["itog_arr"].(map[string]any)["priznak_rascheta"] = json.Number("2")
			m["korr_arr"] = map[string]any{"name_doc_korr": "a", "date_doc_korr": "yesterday", "num_doc_korr": "1"}
		}, "korr_arr.date_doc_korr \"yesterday\" is not a unix time"},
	}
	for _, c := range cases {
		m := valid(t)
		c.mutate(m)
		bad := checkOf(t, m)
		if !strings.Contains(strings.Join(bad, "\n"), c.want) {
			t.Errorf("%s: want %q in %v", c.name, c.want, bad)
		}
	}
	m := valid(t)
	prod(m, 2)["stavka_nds"] = json.Number("12")
	b, _ := json.Marshal(m)
	if bad := CheckExtended(b); bad != nil {
		t.Errorf("CheckExtended must accept 12: %v", bad)
	}
	if bad := Check(b); bad == nil {
		t.Error("Check must refuse 12")
	}
	m = valid(t)
	m["itog_arr"].(map[string]any)["priznak_rascheta"] = json.Number("2")
	m["korr_arr"] = map[string]any{"name_doc_korr": "Чек", "date_doc_korr": "1700000000", "num_doc_korr": "1024"}
	prod(m, 2)["kolvo"], prod(m, 2)["summa"], prod(m, 2)["skidka"] = json.Number("1.5"), json.Number("213"), json.Number("20")
	prod(m, 2)["discount"] = map[string]any{"type": "amount", "value": json.Number("0.20")}
	op(m)["money_electro"] = json.Number("46490")
	m["itog_arr"].(map[string]any)["itog_cheka"] = json.Number("46490")
	if bad := checkOf(t, m); bad != nil {
		t.Errorf("refund with korr_arr and kolvo 1.5 (142 × 1.5 = 213): %v", bad)
	}
}

func TestNotJSON(t *testing.T) {
	for _, in := range []string{"", "nope", "[]", `{"a":1} {"b":2}`, "null"} {
		if bad := Check([]byte(in)); len(bad) == 0 {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestRoundHalfUp(t *testing.T) {
	for _, c := range []struct {
		kolvo string
		price int64
		want  string
	}{{"1.237", 12990, "16069"}, {"0.5", 1, "1"}, {"0.333", 3, "1"}, {"0.001", 499, "0"}, {"0.001", 500, "1"}, {"2", 7095, "14190"}} {
		r, _ := new(big.Rat).SetString(c.kolvo)
		r.Mul(r, new(big.Rat).SetInt64(c.price))
		if got := roundHalfUp(r).String(); got != c.want {
			t.Errorf("%s × %d = %s, want %s", c.kolvo, c.price, got, c.want)
		}
	}
}

// FuzzCheck: Check never panics and refuses what is not an object.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(docExample))
	f.Add([]byte(`{"products_arr":[{"kolvo":1e400,"price_piece":1}],"itog_arr":{"itog_cheka":-1}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		bad := Check(b)
		if len(b) == 0 && len(bad) == 0 {
			t.Fatal("empty input accepted")
		}
	})
}
