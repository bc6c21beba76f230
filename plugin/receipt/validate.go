package receipt

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Normalize checks an order field by field and returns a copy in which the
// defaults of rules are filled in (kind, item type, VAT, payment method,
// subject), phones are digits only and over-long names are cut (with a
// warning). It collects every problem; it never stops at the first.
// Sums are Reconcile's business.
func Normalize(o Order, rules Rules) (Order, Problems) {
	var p Problems
	root := o.Path
	if root == "" {
		root = "order"
	}
	if o.Kind == "" {
		o.Kind = KindSale
	} else if !Valid(Kinds, o.Kind) {
		unknown(&p, root+".kind", string(o.Kind), Kinds)
	}
	if len(o.Items) == 0 {
		p.Errorf(CodeNoItems, root+".items")
	}
	items := make([]Item, len(o.Items))
	for i, it := range o.Items {
		items[i] = normalizeItem(it, i, root, rules, &p)
	}
	o.Items = items
	for i, pay := range o.Payments {
		path := pathOr(pay.Path, root+".payments["+strconv.Itoa(i)+"]")
		if !Valid(PaymentTypes, pay.Type) {
			unknown(&p, path+".type", string(pay.Type), PaymentTypes)
		}
	}
	o.Customer = normalizeCustomer(o.Customer, root+".customer", &p)
	if o.Cashier.INN != "" {
		checkINN(&p, root+".cashier.inn", o.Cashier.INN, 12)
	}
	if n, cut := Truncate(o.Cashier.Name, 64); cut {
		p.Warnf(CodeTruncated, root+".cashier.name", "limit", "64", "length", strconv.Itoa(utf8.RuneCountInString(o.Cashier.Name)))
		o.Cashier.Name = n
	}
	if rules.TaxSystem == "" {
		p.Errorf(CodeRequired, "settings.tax_system", "field", "tax_system")
	}
	switch rules.Deliver {
	case DeliverEmail:
		if o.Customer.Email == "" {
			p.Errorf(CodeNoContact, root+".customer.email", "deliver", "email")
		}
	case DeliverPhone:
		if o.Customer.Phone == "" {
			p.Errorf(CodeNoContact, root+".customer.phone", "deliver", "phone")
		}
	}
	return o, p
}

func normalizeItem(it Item, i int, root string, rules Rules, p *Problems) Item {
	path := pathOr(it.Path, root+".items["+strconv.Itoa(i)+"]")
	it.Path = path
	if strings.TrimSpace(it.Name) == "" {
		p.Errorf(CodeRequired, path+".name", "field", "name")
	} else if n, cut := Truncate(it.Name, rules.NameLimit); cut {
		p.Warnf(CodeTruncated, path+".name", "limit", strconv.Itoa(rules.NameLimit), "length", strconv.Itoa(utf8.RuneCountInString(it.Name)))
		it.Name = n
	}
	if it.Type == "" {
		it.Type = Goods
	} else if !Valid(ItemTypes, it.Type) {
		unknown(p, path+".type", string(it.Type), ItemTypes)
	}
	if it.Quantity == 0 {
		p.Errorf(CodeZeroQuantity, path+".quantity")
	}
	d := rules.Defaults
	vat, subject := d.VAT, d.Subject
	if it.Type == Shipping {
		if d.ShippingVAT != "" {
			vat = d.ShippingVAT
		}
		if d.ShippingSubject != "" {
			subject = d.ShippingSubject
		}
	}
	it.VAT = fill(p, path+".vat", it.VAT, vat, VATs)
	it.PaymentMethod = fill(p, path+".payment_method", it.PaymentMethod, d.PaymentMethod, PaymentMethods)
	it.Subject = fill(p, path+".subject", it.Subject, subject, Subjects)
	if it.Agent != nil {
		a := normalizeAgent(*it.Agent, path+".agent", p)
		it.Agent = &a
	}
	return it
}

// fill returns v, or def when v is empty; an unknown value or a missing one
// without a default is an error.
func fill[T ~string](p *Problems, path string, v, def T, list []T) T {
	if v == "" {
		v = def
	}
	if v == "" {
		p.Errorf(CodeRequired, path, "field", path[strings.LastIndexByte(path, '.')+1:])
		return v
	}
	if !Valid(list, v) {
		unknown(p, path, string(v), list)
	}
	return v
}

func normalizeCustomer(c Customer, path string, p *Problems) Customer {
	if c.Email != "" {
		c.Email = strings.TrimSpace(c.Email)
		if !ValidEmail(c.Email) {
			p.Errorf(CodeEmail, path+".email", "value", quote(c.Email))
		}
	}
	if c.Phone != "" {
		c.Phone = phone(p, path+".phone", c.Phone)
	}
	if c.INN != "" {
		checkINN(p, path+".inn", c.INN, 0)
	}
	return c
}

// Agent data that FFD 1.05 requires, by agent type (Nanokassa's fields
// 11–19 say the same): the supplier's name, INN and phone for every type;
// the operation and the money transfer operator for bank paying agents and
// subagents; the agent's and the receiving operator's phones for paying
// agents and subagents.
func normalizeAgent(a Agent, path string, p *Problems) Agent {
	if a.Type == "" {
		p.Errorf(CodeRequired, path+".type", "field", "type")
		return a
	}
	if !Valid(AgentTypes, a.Type) {
		unknown(p, path+".type", string(a.Type), AgentTypes)
		return a
	}
	need := func(v, field string) {
		if strings.TrimSpace(v) == "" {
			p.Errorf(CodeAgentData, path+"."+field, "agent", string(a.Type), "field", field)
		}
	}
	need(a.Supplier.Name, "supplier.name")
	need(a.Supplier.INN, "supplier.inn")
	need(a.Supplier.Phone, "supplier.phone")
	if a.Supplier.INN != "" {
		checkINN(p, path+".supplier.inn", a.Supplier.INN, 0)
	}
	if a.Supplier.Phone != "" {
		a.Supplier.Phone = phone(p, path+".supplier.phone", a.Supplier.Phone)
	}
	pa := a.PayingAgent
	if pa == nil {
		pa = &PayingAgent{}
	}
	switch a.Type {
	case BankPayingAgent, BankPayingSubagent:
		need(pa.Operation, "paying_agent.operation")
		mt := a.MoneyTransferOperator
		if mt == nil {
			mt = &TransferOperator{}
		}
		need(mt.Name, "money_transfer_operator.name")
		need(mt.Address, "money_transfer_operator.address")
		need(mt.INN, "money_transfer_operator.inn")
		need(mt.Phone, "money_transfer_operator.phone")
		if mt.INN != "" {
			checkINN(p, path+".money_transfer_operator.inn", mt.INN, 0)
		}
		if mt.Phone != "" {
			mt.Phone = phone(p, path+".money_transfer_operator.phone", mt.Phone)
		}
		if a.MoneyTransferOperator != nil {
			a.MoneyTransferOperator = mt
		}
	case PayingAgentType, PayingSubagent:
		need(pa.Phone, "paying_agent.phone")
		var op string
		if a.ReceivePaymentsOperator != nil {
			op = a.ReceivePaymentsOperator.Phone
		}
		need(op, "receive_payments_operator.phone")
		if op != "" {
			a.ReceivePaymentsOperator.Phone = phone(p, path+".receive_payments_operator.phone", op)
		}
	}
	if a.PayingAgent != nil && a.PayingAgent.Phone != "" {
		a.PayingAgent.Phone = phone(p, path+".paying_agent.phone", a.PayingAgent.Phone)
	}
	return a
}

func phone(p *Problems, path, v string) string {
	d, ok := NormalizePhone(v)
	if !ok {
		p.Errorf(CodePhone, path, "value", quote(v))
		return v
	}
	return d
}

// checkINN records invalid_inn; length 0 accepts 10 or 12 digits.
func checkINN(p *Problems, path, v string, length int) {
	reason := CheckINN(v)
	if reason == "" && length != 0 && len(v) != length {
		reason = "must have " + strconv.Itoa(length) + " digits"
	}
	if reason != "" {
		p.Errorf(CodeINN, path, "value", quote(v), "reason", reason)
	}
}

func unknown[T ~string](p *Problems, path, v string, list []T) {
	names := make([]string, len(list))
	for i, x := range list {
		names[i] = string(x)
	}
	p.Errorf(CodeUnknownValue, path, "value", quote(v), "allowed", strings.Join(names, ", "))
}

func quote(s string) string {
	if r := []rune(s); len(r) > 64 {
		s = string(r[:64]) + "…"
	}
	return strconv.Quote(s)
}

func pathOr(p, def string) string {
	if p != "" {
		return p
	}
	return def
}
