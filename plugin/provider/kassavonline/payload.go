package kassavonline

import (
	"encoding/json"
	"strconv"

	"github.com/kopeck/kopeck/internal/jsonout"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// FFD is the only format version the document knows ("Текущая 1.05").
const FFD = "1.05"

// params is the params object of /api/print, in the document's field order.
type params struct {
	Serial  string `json:"kkm_serial_number"`
	ConnKey string `json:"kkm_connection_key"`
	Receipt any    `json:"receipt"`
}

// document is the receipt object ("Объект чека"). Every field is always
// written, empty strings included, as in the document's example.
type document struct {
	FFD          string    `json:"ffd"`
	Type         string    `json:"type"`
	IsElectronic int       `json:"is_electronic"`
	Cashier      string    `json:"cashier"`
	CashierINN   string    `json:"cashier_inn"`
	ClientTel    string    `json:"client_tel"`
	ClientEmail  string    `json:"client_email"`
	Items        []item    `json:"items"`
	Payments     []payment `json:"payments"`
}

// item is one line ("Объект позиции чека"); suplier_* keep the provider's
// spelling. price and quantity are JSON numbers written from their exact
// decimal text (rubles with two decimals; up to three decimals of quantity).
type item struct {
	Title          string      `json:"title"`
	Price          json.Number `json:"price"`
	Quantity       json.Number `json:"quantity"`
	TaxTypeName    string      `json:"tax_type_name"`
	PaymentType    int         `json:"payment_type"`
	PaymentSubject int         `json:"payment_subject"`
	AgentType      string      `json:"agent_type"`
	SuplierName    string      `json:"suplier_name"`
	SuplierINN     string      `json:"suplier_inn"`
	SuplierPhone   string      `json:"suplier_phone"`
}

// payment is one payment ("Объект оплаты"); amount in rubles, two decimals.
type payment struct {
	Type   string      `json:"type"`
	Amount json.Number `json:"amount"`
}

// report is the report object of an X or Z report.
type report struct {
	Type string `json:"type"`
}

// buildDocument maps a reconciled receipt to the receipt object, recording
// every problem; the document is only meaningful when no error was recorded.
func buildDocument(r *receipt.Receipt, marking string, p *receipt.Problems) document {
	d := document{FFD: FFD, Type: mapKind(r.Kind, p)}

	d.ClientEmail = fit(r.Customer.Email, ContactLimit, "order.customer.email", p)
	d.ClientTel = fit(phone(r.Customer.Phone), ContactLimit, "order.customer.phone", p)
	d.IsElectronic = electronic(r.Deliver, d.ClientEmail, d.ClientTel, p)
	d.Cashier = cut(r.Cashier.Name, CashierLimit, "order.cashier.name", p)
	d.CashierINN = fit(r.Cashier.INN, CashierINNLimit, "order.cashier.inn", p)

	if r.Customer.Name != "" {
		p.Warnf(CodeNotSent, "order.customer.name", "field", "customer name (tag 1227)")
	}
	if r.Customer.INN != "" {
		p.Warnf(CodeNotSent, "order.customer.inn", "field", "customer INN (tag 1228)")
	}
	if r.Vending != nil && *r.Vending != (receipt.Vending{}) {
		p.Warnf(CodeNotSent, "settings.vending", "field", "vending machine data (tags 1009, 1187, 1036)")
	}

	if len(r.Lines) == 0 {
		p.Errorf(receipt.CodeNoItems, "order.items")
	}
	d.Items = make([]item, 0, len(r.Lines))
	var lines receipt.Money
	for _, l := range r.Lines {
		d.Items = append(d.Items, buildItem(l, marking, p))
		lines += l.Total
	}

	d.Payments = make([]payment, 0, len(r.Payments))
	var paid receipt.Money
	for i, pay := range r.Payments {
		path := pay.Path
		if path == "" {
			path = "order.payments[" + strconv.Itoa(i) + "]"
		}
		t := mapPayment(pay.Type, path+".type", p)
		switch {
		case pay.Amount < 0:
			p.Errorf(receipt.CodeNegative, path+".amount", "value", pay.Amount.String())
		case pay.Amount == 0:
			// A zero payment says nothing; the provider gets none.
		default:
			d.Payments = append(d.Payments, payment{Type: t, Amount: json.Number(pay.Amount.String())})
			paid += pay.Amount
		}
	}
	if lines != r.Total {
		p.Errorf(receipt.CodeTotalMismatch, "order.total", "lines", lines.String(), "paid", r.Total.String(),
			"difference", (r.Total - lines).String(), "tolerance", "0.00")
	}
	if paid != lines {
		p.Errorf(receipt.CodePaymentsMismatch, "order.payments", "payments", paid.String(), "total", lines.String())
	}
	return d
}

// electronic returns is_electronic: 1 (no paper, the receipt goes to the
// customer's contact) for deliver email or phone, 0 (print) for print. An
// empty deliver means 1 when a contact is known.
func electronic(dv receipt.Deliver, email, tel string, p *receipt.Problems) int {
	switch dv {
	case receipt.DeliverEmail:
		if email == "" {
			p.Errorf(receipt.CodeNoContact, "order.customer.email", "deliver", "email")
		}
		return 1
	case receipt.DeliverPhone:
		if tel == "" {
			p.Errorf(receipt.CodeNoContact, "order.customer.phone", "deliver", "phone")
		}
		return 1
	case receipt.DeliverPrint:
		return 0
	case "":
		if email != "" || tel != "" {
			return 1
		}
		return 0
	}
	unknownOrUnsupported(p, "settings.deliver", "deliver", string(dv), false, enumNames(receipt.Delivers))
	return 0
}

// buildItem maps one reconciled line.
func buildItem(l receipt.Line, marking string, p *receipt.Problems) item {
	it := item{
		Title:          cut(l.Name, TitleLimit, l.Path+".name", p),
		Price:          json.Number(l.Price.String()),
		Quantity:       json.Number(l.Quantity.String()),
		TaxTypeName:    mapVAT(l.VAT, l.Path+".vat", p),
		PaymentType:    mapMethod(l.PaymentMethod, l.Path+".payment_method", p),
		PaymentSubject: mapSubject(l.Subject, l.Path+".subject", p),
		AgentType:      mapAgent(l.Agent, l.Path+".agent.type", p),
	}
	if l.Name == "" {
		p.Errorf(receipt.CodeRequired, l.Path+".name", "field", "name")
	}
	switch {
	case l.Price < 0:
		p.Errorf(receipt.CodeNegative, l.Path+".price", "value", l.Price.String())
	case l.Quantity <= 0:
		p.Errorf(receipt.CodeZeroQuantity, l.Path+".quantity")
	default:
		checkExact(l, p)
	}
	for _, m := range []struct{ code, path, field string }{
		{l.MarkingCode, ".marking_code", "marking code (tag 1162)"},
		{l.NomenclatureCode, ".nomenclature_code", "nomenclature code (tag 1162)"},
	} {
		if m.code == "" {
			continue
		}
		if marking == MarkingWarn {
			p.Warnf(CodeNotSent, l.Path+m.path, "field", m.field)
		} else {
			p.Errorf(CodeMarking, l.Path+m.path, "field", m.field)
		}
	}
	if it.AgentType != AgentNone && it.AgentType != "" {
		s := l.Agent.Supplier
		ap := l.Path + ".agent.supplier"
		for _, f := range []struct{ v, name string }{{s.Name, "name"}, {s.INN, "inn"}, {s.Phone, "phone"}} {
			if f.v == "" {
				p.Errorf(receipt.CodeAgentData, ap+"."+f.name, "agent", string(l.Agent.Type), "field", "agent.supplier."+f.name)
			}
		}
		it.SuplierName = cut(s.Name, SupplierNameLimit, ap+".name", p)
		it.SuplierINN = fit(s.INN, SupplierINNLimit, ap+".inn", p)
		it.SuplierPhone = fit(phone(s.Phone), SupplierTelLimit, ap+".phone", p)
	}
	return it
}

// encode writes v as compact JSON without HTML escaping (the provider gets
// the text as it is; both forms are valid JSON).
func encode(v any) []byte {
	// Only invalid json.Number text could fail (giving nil), and Money/Qty
	// strings are always valid numbers.
	b, _ := jsonout.Marshal(v)
	return b
}
