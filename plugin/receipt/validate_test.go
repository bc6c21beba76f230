package receipt

import (
	"slices"
	"testing"
)

func TestNormalizeCollectsEveryProblem(t *testing.T) {
	rs := rules()
	rs.TaxSystem = ""
	rs.Deliver = DeliverEmail
	o := Order{
		Kind: "sell",
		Items: []Item{
			{Name: "", Price: 100, Quantity: 1000},
			{Name: "B", Price: 100, Quantity: 0, VAT: "vat18"},
			{Name: "C", Price: 100, Quantity: 1000, Agent: &Agent{Type: PayingAgentType}},
		},
		Payments: []Payment{{Type: "bitcoin", Amount: 100}},
		Customer: Customer{Phone: "call me", INN: "7707083894"},
		Cashier:  Cashier{INN: "7707083893"},
	}
	_, p := Normalize(o, rs)
	want := map[string]string{
		"order.kind":                                           CodeUnknownValue,
		"order.items[0].name":                                  CodeRequired,
		"order.items[1].quantity":                              CodeZeroQuantity,
		"order.items[1].vat":                                   CodeUnknownValue,
		"order.items[2].agent.supplier.name":                   CodeAgentData,
		"order.items[2].agent.supplier.inn":                    CodeAgentData,
		"order.items[2].agent.supplier.phone":                  CodeAgentData,
		"order.items[2].agent.paying_agent.phone":              CodeAgentData,
		"order.items[2].agent.receive_payments_operator.phone": CodeAgentData,
		"order.payments[0].type":                               CodeUnknownValue,
		"order.customer.phone":                                 CodePhone,
		"order.customer.inn":                                   CodeINN,
		"order.cashier.inn":                                    CodeINN, // a cashier is a person: 12 digits
		"settings.tax_system":                                  CodeRequired,
		"order.customer.email":                                 CodeNoContact,
	}
	got := map[string]string{}
	for _, e := range p.Errors() {
		got[e.Path] = e.Code
	}
	for path, code := range want {
		if got[path] != code {
			t.Errorf("%s: got %q, want %q", path, got[path], code)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d: %v", len(got), len(want), p)
	}
}

func TestNormalizeFixesWhatItMay(t *testing.T) {
	long := ""
	for i := 0; i < 130; i++ {
		long += "Ж"
	}
	o := Order{Items: []Item{{Name: long, Price: 100, Quantity: 1000, Agent: &Agent{Type: CommissionAgent,
		Supplier: Supplier{Name: "ООО Ромашка", INN: "7707083893", Phone: "+7 (912) 345-67-89"}}}},
		Customer: Customer{Phone: "8 (912) 345-67-89", Email: " a@b.ru "}}
	n, p := Normalize(o, rules())
	if p.HasErrors() {
		t.Fatal(p)
	}
	if r := []rune(n.Items[0].Name); len(r) != 128 {
		t.Errorf("name cut to %d characters", len(r))
	}
	if !slices.Contains(p.Codes(), CodeTruncated) {
		t.Error("no truncation warning")
	}
	if n.Customer.Phone != "79123456789" || n.Items[0].Agent.Supplier.Phone != "79123456789" || n.Customer.Email != "a@b.ru" {
		t.Errorf("not normalised: %+v %+v", n.Customer, n.Items[0].Agent.Supplier)
	}
	if o.Items[0].Name != long {
		t.Error("Normalize changed its input")
	}
}

func TestBankAgentNeedsOperator(t *testing.T) {
	o := Order{Items: []Item{{Name: "Платёж", Price: 100, Quantity: 1000, Agent: &Agent{Type: BankPayingAgent,
		Supplier: Supplier{Name: "S", INN: "7707083893", Phone: "79123456789"}}}}}
	_, p := Normalize(o, rules())
	var paths []string
	for _, e := range p.Errors() {
		paths = append(paths, e.Path)
	}
	for _, f := range []string{"paying_agent.operation", "money_transfer_operator.name", "money_transfer_operator.address",
		"money_transfer_operator.inn", "money_transfer_operator.phone"} {
		if !slices.Contains(paths, "order.items[0].agent."+f) {
			t.Errorf("missing %s in %v", f, paths)
		}
	}
}
