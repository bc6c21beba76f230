package itkassa

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kopeck/kopeck/internal/jsonout"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// TitleLimit is the longest line title in characters (FFD tag 1030, as the
// document says: "до 250 символов").
const TitleLimit = 250

// NomenclatureTag is the FFD tag of the nomenclature code (1162).
const NomenclatureTag = 1162

// Document is the body of POST {API}/print-documents.
type Document struct {
	CreItemID string `json:"creItemId"`
	IdempKey  string `json:"idempKey,omitempty"`
	Commands  []any  `json:"commands"`
}

// ReceiptCommand is a sale, returnSale, buy or returnBuy command. Amounts
// are decimal strings in rubles ("141.91"); all five payment amounts are
// always written, "0.00" where unused, so the payload states every payment
// form explicitly.
type ReceiptCommand struct {
	Type             string `json:"type"`
	IsPrintable      bool   `json:"isPrintable"`
	Sno              string `json:"sno"`
	TagCashierName   string `json:"tagCashierName,omitempty"`
	TagCashierINN    string `json:"tagCashierINN,omitempty"`
	TagClientTitle   string `json:"tagClientTitle,omitempty"`
	TagClientContact string `json:"tagClientContact,omitempty"`
	TagClientINN     string `json:"tagClientINN,omitempty"`
	TagSaleLocation  string `json:"tagSaleLocation,omitempty"`

	TagAgentType                      int    `json:"tagAgentType,omitempty"`
	TagTransferServiceOperatorContact string `json:"tagTransferServiceOperatorContact,omitempty"`
	TagAgentOperator                  string `json:"tagAgentOperator,omitempty"`
	TagAgentContact                   string `json:"tagAgentContact,omitempty"`
	TagPayeeServiceOperatorContact    string `json:"tagPayeeServiceOperatorContact,omitempty"`
	TagTransferServiceOperatorTitle   string `json:"tagTransferServiceOperatorTitle,omitempty"`
	TagTransferServiceOperatorAddress string `json:"tagTransferServiceOperatorAddress,omitempty"`
	TagTransferServiceOperatorINN     string `json:"tagTransferServiceOperatorINN,omitempty"`

	Lines []Line `json:"lines"`

	AmountCash       string `json:"amountCash"`
	AmountElectronic string `json:"amountElectronic"`
	AmountPrepaid    string `json:"amountPrepaid"`
	AmountCredit     string `json:"amountCredit"`
	AmountIncoming   string `json:"amountIncoming"`
}

// Line is one receipt line. Price and total are rubles with two decimals,
// quantity the shortest exact decimal ("1", "1.5", "0.333").
type Line struct {
	Title                     string `json:"title"`
	Price                     string `json:"price"`
	Quantity                  string `json:"quantity"`
	Total                     string `json:"total"`
	Tax                       string `json:"tax"`
	Ppr                       string `json:"ppr"`
	Psr                       string `json:"psr"`
	TagAgentType              int    `json:"tagAgentType,omitempty"`
	TagServiceProviderINN     string `json:"tagServiceProviderINN,omitempty"`
	TagServiceProviderContact string `json:"tagServiceProviderContact,omitempty"`
	TagServiceProviderTitle   string `json:"tagServiceProviderTitle,omitempty"`
	TagTrueSign               string `json:"tagTrueSign,omitempty"`
	Tags                      []Tag  `json:"tags,omitempty"`
}

// Tag is a raw FFD tag of a line.
type Tag struct {
	ID    int    `json:"id"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Build turns a reconciled receipt into the print-documents request.
func (itkassa) Build(r *receipt.Receipt, o provider.Options) (provider.Built, receipt.Problems) {
	var p receipt.Problems
	if r == nil {
		p.Errorf(receipt.CodeRequired, "order", "field", "order")
		return provider.Built{}, p
	}
	c := readConfig(o, &p)
	c.need(&p, "api_key", "cre_item_id")
	c.guardTest(o, &p)
	cmd := receiptCommand(r, &p)
	if strings.TrimSpace(r.ID) == "" {
		p.Errorf(receipt.CodeRequired, "order.id", "field", "id")
	}
	if p.HasErrors() {
		return provider.Built{}, p
	}
	doc := Document{CreItemID: c.CreItemID, IdempKey: IdempKey(c.CreItemID, r.ID, r.Kind), Commands: []any{cmd}}
	body := marshal(doc)
	return provider.Built{
		Payload: body,
		Request: provider.Request{Method: "POST", URL: c.URL + "/print-documents", Headers: c.headers(), Body: string(body)},
	}, p
}

// receiptCommand maps the receipt; problems go to p.
func receiptCommand(r *receipt.Receipt, p *receipt.Problems) ReceiptCommand {
	cmd := ReceiptCommand{
		TagCashierName: r.Cashier.Name,
		TagCashierINN:  r.Cashier.INN,
		TagClientTitle: r.Customer.Name,
		TagClientINN:   r.Customer.INN,
	}
	if t, ok := Types[r.Kind]; ok {
		cmd.Type = t
	} else if r.Kind == "" {
		p.Errorf(receipt.CodeRequired, "order.kind", "field", "kind")
	} else {
		p.Errorf(receipt.CodeUnsupported, "order.kind", "provider", "itkassa", "value", quote(string(r.Kind)))
	}
	if s, ok := TaxSystems[r.TaxSystem]; ok {
		cmd.Sno = s
	} else if r.TaxSystem == "" {
		p.Errorf(receipt.CodeRequired, "settings.tax_system", "field", "tax_system")
	} else {
		p.Errorf(receipt.CodeUnsupported, "settings.tax_system", "provider", "itkassa", "value", quote(string(r.TaxSystem)))
	}
	cmd.IsPrintable, cmd.TagClientContact = delivery(r, p)
	if r.Vending != nil {
		cmd.TagSaleLocation = r.Vending.Address
	}

	var agents agentFields
	var sum receipt.Money
	for i := range r.Lines {
		l := &r.Lines[i]
		cmd.Lines = append(cmd.Lines, line(l, p))
		sum += l.Total
		if l.Agent != nil {
			if m, ok := AgentMask(l.Agent.Type); ok {
				cmd.TagAgentType |= m
			}
			agents.merge(l, p)
		}
	}
	agents.apply(&cmd)
	if len(r.Lines) == 0 {
		p.Errorf(receipt.CodeNoItems, "order.items")
	}
	if sum != r.Total {
		p.Errorf(CodeLinesTotal, "order.total", "lines", sum.String(), "total", r.Total.String())
	}

	amounts := map[string]receipt.Money{}
	var paid receipt.Money
	for i, pay := range r.Payments {
		path := pay.Path
		if path == "" {
			path = "order.payments[" + strconv.Itoa(i) + "]"
		}
		f, ok := Amounts[pay.Type]
		switch {
		case !ok:
			p.Errorf(receipt.CodeUnsupported, path+".type", "provider", "itkassa", "value", quote(string(pay.Type)))
		case pay.Amount < 0:
			p.Errorf(receipt.CodeNegative, path+".amount", "value", pay.Amount.String())
		default:
			amounts[f] += pay.Amount
			paid += pay.Amount
		}
	}
	if paid != r.Total {
		p.Errorf(receipt.CodePaymentsMismatch, "order.payments", "payments", paid.String(), "total", r.Total.String())
	}
	cmd.AmountCash = amounts["amountCash"].String()
	cmd.AmountElectronic = amounts["amountElectronic"].String()
	cmd.AmountPrepaid = amounts["amountPrepaid"].String()
	cmd.AmountCredit = amounts["amountCredit"].String()
	cmd.AmountIncoming = amounts["amountIncoming"].String()
	return cmd
}

// delivery decides isPrintable and tagClientContact. Email and phone
// delivery are electronic receipts (isPrintable false) and the document
// requires tagClientContact then: the contact of the chosen channel, else
// the other one, else an error. A printed receipt still carries a contact
// when the customer has one. An empty Deliver is the default, email.
func delivery(r *receipt.Receipt, p *receipt.Problems) (bool, string) {
	email, phone := strings.TrimSpace(r.Customer.Email), contactPhone(r.Customer.Phone)
	switch r.Deliver {
	case receipt.DeliverPrint:
		if email != "" {
			return true, email
		}
		return true, phone
	case receipt.DeliverPhone:
		if phone != "" {
			return false, phone
		}
		if email == "" {
			p.Errorf(receipt.CodeNoContact, "order.customer.phone", "deliver", "phone")
		}
		return false, email
	case receipt.DeliverEmail, "":
		if email != "" {
			return false, email
		}
		if phone == "" {
			p.Errorf(receipt.CodeNoContact, "order.customer.email", "deliver", "email")
		}
		return false, phone
	}
	p.Errorf(receipt.CodeUnsupported, "settings.deliver", "provider", "itkassa", "value", quote(string(r.Deliver)))
	return false, ""
}

// contactPhone writes a phone for tag 1008/1171/1073…: digits-only numbers
// (kopeck's canonical form, 79123456789) get a leading "+".
func contactPhone(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "+") {
		return s
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return s
		}
	}
	return "+" + s
}

// line maps one receipt line, asserting its amount.
func line(l *receipt.Line, p *receipt.Problems) Line {
	out := Line{
		Title:    l.Name,
		Price:    l.Price.String(),
		Quantity: l.Quantity.String(),
		Total:    l.Total.String(),
	}
	path := l.Path
	if n := utf8.RuneCountInString(l.Name); n > TitleLimit {
		out.Title = string([]rune(l.Name)[:TitleLimit])
		p.Warnf(receipt.CodeTruncated, path+".name", "limit", strconv.Itoa(TitleLimit), "length", strconv.Itoa(n))
	} else if strings.TrimSpace(l.Name) == "" {
		p.Errorf(receipt.CodeRequired, path+".name", "field", "name")
	}
	switch {
	case l.Price < 0:
		p.Errorf(receipt.CodeNegative, path+".price", "value", l.Price.String())
	case l.Quantity <= 0:
		p.Errorf(receipt.CodeZeroQuantity, path+".quantity")
	case l.Total != receipt.Amount(l.Price, l.Quantity):
		p.Errorf(CodeLineAmount, path+".total", "total", l.Total.String(), "price", l.Price.String(),
			"quantity", l.Quantity.String(), "amount", receipt.Amount(l.Price, l.Quantity).String())
	}
	if t, ok := Taxes[l.VAT]; ok {
		out.Tax = t
	} else {
		unsupported(p, path+".vat", string(l.VAT))
	}
	if s, ok := Subjects[l.Subject]; ok {
		out.Ppr = s
	} else {
		unsupported(p, path+".subject", string(l.Subject))
	}
	if m, ok := Methods[l.PaymentMethod]; ok {
		out.Psr = m
	} else {
		unsupported(p, path+".payment_method", string(l.PaymentMethod))
	}
	if l.Agent != nil {
		if m, ok := AgentMask(l.Agent.Type); ok {
			out.TagAgentType = m
		} else {
			unsupported(p, path+".agent.type", string(l.Agent.Type))
		}
		s := l.Agent.Supplier
		out.TagServiceProviderINN = s.INN
		out.TagServiceProviderContact = contactPhone(s.Phone)
		out.TagServiceProviderTitle = s.Name
		if strings.TrimSpace(s.INN) == "" {
			p.Errorf(receipt.CodeAgentData, path+".agent.supplier.inn", "agent", string(l.Agent.Type), "field", "supplier.inn")
		}
	}
	if mc := l.MarkingCode; mc != "" {
		// The service derives tag 1162 from the scanned code itself; sending
		// the nomenclature code too could write the tag twice.
		out.TagTrueSign = mc
	} else if nc := strings.TrimSpace(l.NomenclatureCode); nc != "" {
		if hexes, ok := hexBytes(nc); ok {
			out.Tags = []Tag{{ID: NomenclatureTag, Type: "array", Value: hexes}}
		} else {
			p.Errorf(CodeNomenclature, path+".nomenclature_code")
		}
	}
	return out
}

func unsupported(p *receipt.Problems, path, value string) {
	if value == "" {
		p.Errorf(receipt.CodeRequired, path, "field", path[strings.LastIndex(path, ".")+1:])
		return
	}
	p.Errorf(receipt.CodeUnsupported, path, "provider", "itkassa", "value", quote(value))
}

// hexBytes normalises a nomenclature code to upper-case hex bytes separated
// by single spaces, the form of the document's tags example. It accepts
// bytes separated by spaces or written together.
func hexBytes(s string) (string, bool) {
	compact := strings.Join(strings.Fields(s), "")
	for _, f := range strings.Fields(s) {
		if len(f)%2 != 0 {
			return "", false
		}
	}
	if compact == "" || len(compact)%2 != 0 || len(compact) > 2*64 {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(compact); i += 2 {
		pair := strings.ToUpper(compact[i : i+2])
		for _, c := range pair {
			if !('0' <= c && c <= '9' || 'A' <= c && c <= 'F') {
				return "", false
			}
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pair)
	}
	return b.String(), true
}

// agentFields collects the receipt-level agent tags from the lines' agent
// data: ITKassa has them once per receipt, so lines must agree.
type agentFields struct {
	values [7]string
}

var agentNames = [7]string{
	"paying_agent.operation",          // tagAgentOperator (1044)
	"paying_agent.phone",              // tagAgentContact (1073)
	"receive_payments_operator.phone", // tagPayeeServiceOperatorContact (1074)
	"money_transfer_operator.name",    // tagTransferServiceOperatorTitle (1026)
	"money_transfer_operator.address", // tagTransferServiceOperatorAddress (1005)
	"money_transfer_operator.inn",     // tagTransferServiceOperatorINN (1016)
	"money_transfer_operator.phone",   // tagTransferServiceOperatorContact (1075)
}

func (a *agentFields) merge(l *receipt.Line, p *receipt.Problems) {
	var v [7]string
	ag := l.Agent
	if pa := ag.PayingAgent; pa != nil {
		v[0], v[1] = pa.Operation, contactPhone(pa.Phone)
	}
	if op := ag.ReceivePaymentsOperator; op != nil {
		v[2] = contactPhone(op.Phone)
	}
	if mt := ag.MoneyTransferOperator; mt != nil {
		v[3], v[4], v[5], v[6] = mt.Name, mt.Address, mt.INN, contactPhone(mt.Phone)
	}
	for i, s := range v {
		if s == "" {
			continue
		}
		switch a.values[i] {
		case "":
			a.values[i] = s
		case s:
		default:
			p.Errorf(CodeAgentConflict, l.Path+".agent."+agentNames[i], "field", agentNames[i],
				"first", quote(a.values[i]), "second", quote(s))
		}
	}
}

func (a *agentFields) apply(c *ReceiptCommand) {
	c.TagAgentOperator = a.values[0]
	c.TagAgentContact = a.values[1]
	c.TagPayeeServiceOperatorContact = a.values[2]
	c.TagTransferServiceOperatorTitle = a.values[3]
	c.TagTransferServiceOperatorAddress = a.values[4]
	c.TagTransferServiceOperatorINN = a.values[5]
	c.TagTransferServiceOperatorContact = a.values[6]
}

// marshal writes JSON without HTML escaping (titles keep their "<", "&");
// "null" when v cannot be encoded.
func marshal(v any) json.RawMessage {
	b, err := jsonout.Marshal(v)
	if err != nil {
		return json.RawMessage("null")
	}
	return b
}
