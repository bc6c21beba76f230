package generic

import (
	"strings"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// Map reads a generic order (the object at JSON path "order") into a
// canonical order. Defaults, sums and contact checks are the core's work
// (receipt.Reconcile); Map checks types, numbers and enumerations, and
// collects every problem.
func Map(order []byte) (receipt.Order, receipt.Problems) {
	var p receipt.Problems
	root, ok := jsonin.Parse(order, "order", &p)
	if !ok {
		return receipt.Order{}, p
	}
	return FromObj(root), p
}

// FromObj maps an already parsed order object (its Path is the root of
// every problem path).
func FromObj(o jsonin.Obj) receipt.Order {
	out := receipt.Order{Path: o.Path, PaidPath: o.Path + ".total", PaymentsPath: o.Path + ".payments"}
	if !o.Exists() {
		o.P.Errorf(receipt.CodeRequired, o.Path, "field", "order")
		return out
	}
	if !o.IsObject() {
		return out
	}
	o.Known("id", "kind", "currency", "items", "discounts", "payments", "total", "customer", "cashier", "reference")
	out.ID = o.Str("id", true)
	out.Kind = jsonin.Enum(o, "kind", receipt.Kinds)
	if c := o.Str("currency", false); c != "" && !strings.EqualFold(c, "RUB") {
		o.P.Errorf(receipt.CodeCurrency, o.Path+".currency", "value", c)
	}
	items := o.Array("items")
	if !o.Child("items").Exists() {
		o.P.Errorf(receipt.CodeRequired, o.Path+".items", "field", "items")
	}
	for _, it := range items {
		out.Items = append(out.Items, item(it))
	}
	for _, d := range o.Array("discounts") {
		if !d.IsObject() {
			continue
		}
		d.Known("name", "amount")
		amount, ok := d.Money("amount")
		if !ok && !d.Child("amount").Exists() {
			o.P.Errorf(receipt.CodeRequired, d.Path+".amount", "field", "amount")
		}
		out.Discounts = append(out.Discounts, receipt.Discount{Name: d.Str("name", false), Amount: amount, Path: d.Path})
	}
	for _, pay := range o.Array("payments") {
		if !pay.IsObject() {
			continue
		}
		pay.Known("type", "amount")
		t := jsonin.Enum(pay, "type", receipt.PaymentTypes)
		if !pay.Child("type").Exists() {
			o.P.Errorf(receipt.CodeRequired, pay.Path+".type", "field", "type")
		}
		amount, ok := pay.Money("amount")
		if !ok && !pay.Child("amount").Exists() {
			o.P.Errorf(receipt.CodeRequired, pay.Path+".amount", "field", "amount")
		}
		if t == "" {
			t = receipt.Electronic // already reported; keeps the path in later checks
		}
		out.Payments = append(out.Payments, receipt.Payment{Type: t, Amount: amount, Path: pay.Path})
	}
	if total, ok := o.Money("total"); ok {
		out.Paid = &total
	}
	if c := o.Child("customer"); c.IsObject() {
		c.Known("email", "phone", "name", "inn")
		out.Customer = receipt.Customer{Email: c.Str("email", false), Phone: c.Str("phone", false), Name: c.Str("name", false), INN: c.Str("inn", false)}
	}
	if c := o.Child("cashier"); c.IsObject() {
		c.Known("name", "inn")
		out.Cashier = receipt.Cashier{Name: c.Str("name", false), INN: c.Str("inn", false)}
	}
	if r := o.Child("reference"); r.IsObject() {
		r.Known("name", "number", "date")
		ref := &receipt.Reference{Name: r.Str("name", false), Number: r.Str("number", false)}
		if d, text, ok := r.Decimal("date"); ok {
			if !d.IsInteger() || d.IsNegative() || len(text) > 12 {
				o.P.Errorf(receipt.CodeNotNumber, r.Path+".date", "value", text)
			} else {
				ref.Date = d.IntPart()
			}
		}
		out.Reference = ref
	}
	return out
}

func item(it jsonin.Obj) receipt.Item {
	out := receipt.Item{Path: it.Path}
	if !it.Exists() || !it.IsObject() {
		if !it.Exists() {
			it.P.Errorf(receipt.CodeWrongType, it.Path, "expected", "object", "got", "null")
		}
		return out
	}
	it.Known("name", "price", "quantity", "discount", "total", "vat", "payment_method", "subject", "type",
		"marking_code", "nomenclature_code", "agent")
	out.Name = it.Str("name", false) // required: Normalize reports it
	var ok bool
	if out.Price, ok = it.Money("price"); !ok && !it.Child("price").Exists() {
		it.P.Errorf(receipt.CodeRequired, it.Path+".price", "field", "price")
	}
	if out.Quantity, ok = it.Qty("quantity"); !ok && !it.Child("quantity").Exists() {
		it.P.Errorf(receipt.CodeRequired, it.Path+".quantity", "field", "quantity")
	} else if !ok {
		out.Quantity = -1 // reported already; keeps Normalize from adding zero_quantity
	}
	out.Discount, _ = it.Money("discount")
	if t, ok := it.Money("total"); ok {
		out.Total = &t
	}
	out.VAT = jsonin.Enum(it, "vat", receipt.VATs)
	out.PaymentMethod = jsonin.Enum(it, "payment_method", receipt.PaymentMethods)
	out.Subject = jsonin.Enum(it, "subject", receipt.Subjects)
	out.Type = jsonin.Enum(it, "type", receipt.ItemTypes)
	out.MarkingCode = it.Str("marking_code", false)
	out.NomenclatureCode = it.Str("nomenclature_code", false)
	if a := it.Child("agent"); a.IsObject() {
		out.Agent = agent(a)
	}
	return out
}

func agent(a jsonin.Obj) *receipt.Agent {
	a.Known("type", "supplier", "paying_agent", "receive_payments_operator", "money_transfer_operator")
	out := &receipt.Agent{Type: jsonin.Enum(a, "type", receipt.AgentTypes)}
	if !a.Child("type").Exists() {
		a.P.Errorf(receipt.CodeRequired, a.Path+".type", "field", "type")
	}
	if s := a.Child("supplier"); s.IsObject() {
		s.Known("name", "inn", "phone")
		out.Supplier = receipt.Supplier{Name: s.Str("name", false), INN: s.Str("inn", false), Phone: s.Str("phone", false)}
	}
	if s := a.Child("paying_agent"); s.IsObject() {
		s.Known("operation", "phone")
		out.PayingAgent = &receipt.PayingAgent{Operation: s.Str("operation", false), Phone: s.Str("phone", false)}
	}
	if s := a.Child("receive_payments_operator"); s.IsObject() {
		s.Known("phone")
		out.ReceivePaymentsOperator = &receipt.Operator{Phone: s.Str("phone", false)}
	}
	if s := a.Child("money_transfer_operator"); s.IsObject() {
		s.Known("name", "address", "inn", "phone")
		out.MoneyTransferOperator = &receipt.TransferOperator{Name: s.Str("name", false), Address: s.Str("address", false),
			INN: s.Str("inn", false), Phone: s.Str("phone", false)}
	}
	return out
}
