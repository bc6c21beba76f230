package generic

import (
	"slices"
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

func TestMapReadsEveryField(t *testing.T) {
	o, p := Map([]byte(`{"order-is-root":1}`))
	if !slices.Contains(p.Codes(), "unknown_field") || o.ID != "" {
		t.Errorf("%v", p)
	}
	doc := `{"id":1001,"kind":"sale_refund","currency":"rub","items":[{"name":"Чай","price":100,"quantity":"1.5","discount":"0.50",
		"total":"149.50","vat":"vat10","payment_method":"prepayment","subject":"service","type":"fee","marking_code":"M","nomenclature_code":"N",
		"agent":{"type":"commission_agent","supplier":{"name":"S","inn":"7707083893","phone":"79123456789"}}}],
		"discounts":[{"name":"c","amount":"1"}],"payments":[{"type":"cash","amount":"148.50"}],"total":"148.50",
		"customer":{"email":"a@b.ru","phone":"79123456789","name":"ООО","inn":"7707083893"},"cashier":{"name":"К","inn":"500100732259"},
		"reference":{"name":"Заказ","number":"1000","date":1700000000}}`
	o, p = Map([]byte(doc))
	if len(p) != 0 {
		t.Fatal(p)
	}
	it := o.Items[0]
	if o.ID != "1001" || o.Kind != receipt.KindSaleRefund || it.Price != 10000 || it.Quantity != 1500 || it.Discount != 50 ||
		*it.Total != 14950 || it.VAT != receipt.VAT10 || it.PaymentMethod != receipt.Prepayment || it.Subject != receipt.Service ||
		it.Type != receipt.Fee || it.MarkingCode != "M" || it.NomenclatureCode != "N" || it.Agent.Supplier.INN != "7707083893" ||
		o.Discounts[0].Amount != 100 || o.Payments[0] != (receipt.Payment{Type: receipt.Cash, Amount: 14850, Path: "order.payments[0]"}) ||
		*o.Paid != 14850 || o.Customer.Name != "ООО" || o.Cashier.INN != "500100732259" || o.Reference.Date != 1700000000 {
		t.Errorf("%+v\n%+v", o, it)
	}
}

func TestMapErrorsHavePaths(t *testing.T) {
	cases := map[string][2]string{
		`not json`:              {"invalid_json", "order"},
		`[]`:                    {"wrong_type", "order"},
		`{"id":"1"}`:            {"required", "order.items"},
		`{"id":"1","items":{}}`: {"wrong_type", "order.items"},
		`{"id":"1","items":[{"name":"A","quantity":1}]}`:                      {"required", "order.items[0].price"},
		`{"id":"1","items":[{"name":"A","price":1}]}`:                         {"required", "order.items[0].quantity"},
		`{"id":"1","items":[{"name":"A","price":"1,5","quantity":1}]}`:        {"not_a_number", "order.items[0].price"},
		`{"id":"1","items":[{"name":"A","price":1e30,"quantity":1}]}`:         {"too_large", "order.items[0].price"},
		`{"id":"1","items":[{"name":"A","price":1,"quantity":1,"vat":20}]}`:   {"unknown_value", "order.items[0].vat"},
		`{"id":"1","items":[{"name":"A","price":1,"quantity":true}]}`:         {"not_a_number", "order.items[0].quantity"},
		`{"id":"1","items":[],"payments":[{"amount":"1"}]}`:                   {"required", "order.payments[0].type"},
		`{"id":"1","items":[],"currency":"EUR"}`:                              {"currency", "order.currency"},
		`{"items":[]}`:                                                        {"required", "order.id"},
		`{"id":"1","items":[{"name":"A","price":1,"quantity":1,"agent":{}}]}`: {"required", "order.items[0].agent.type"},
		`{"id":"1","items":[],"reference":{"date":"yesterday"}}`:              {"not_a_number", "order.reference.date"},
	}
	for doc, want := range cases {
		_, p := Map([]byte(doc))
		found := false
		for _, e := range p.Errors() {
			found = found || (e.Code == want[0] && e.Path == want[1])
		}
		if !found {
			t.Errorf("%s: want %s at %s, got %v", doc, want[0], want[1], p)
		}
	}
}
