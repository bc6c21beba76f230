package nanokassa

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// Limits of nanokassa-api.txt, in characters.
const (
	NameLimit          = 65  // name_tovar
	VendAddressLimit   = 256 // check_vend_address
	VendPlaceLimit     = 256 // check_vend_mesto
	VendMachineNoLimit = 20  // check_vend_num_avtovat
)

// Payload is the inner receipt request, field for field in the order of
// nanokassa-api.txt. Amounts are kopecks (JSON integers).
type Payload struct {
	KassaID       string    `json:"kassaid"`
	KassaToken    string    `json:"kassatoken"`
	CMS           string    `json:"cms"`
	CheckSendType string    `json:"check_send_type"`
	NameZakaz     string    `json:"name_zakaz"`
	VendAddress   string    `json:"check_vend_address,omitempty"`
	VendPlace     string    `json:"check_vend_mesto,omitempty"`
	VendNumber    string    `json:"check_vend_num_avtovat,omitempty"`
	Products      []Product `json:"products_arr"`
	Oplata        Oplata    `json:"oplata_arr"`
	Itog          Itog      `json:"itog_arr"`
	Korr          *Korr     `json:"korr_arr,omitempty"`
	Test          string    `json:"test"`
}

// Product is one element of products_arr (fields 1–22 of the document).
type Product struct {
	NameTovar           string      `json:"name_tovar"`
	PriceBezSkidki      int64       `json:"price_piece_bez_skidki"`
	Skidka              int64       `json:"skidka"`
	Kolvo               json.Number `json:"kolvo"`
	PricePiece          int64       `json:"price_piece"`
	Summa               int64       `json:"summa"`
	StavkaNDS           int         `json:"stavka_nds"`
	SposobRascheta      int         `json:"priznak_sposoba_rascheta"`
	PredmetRascheta     int         `json:"priznak_predmeta_rascheta"`
	PriznakAgenta       string      `json:"priznak_agenta"`
	CodeTovNomen        string      `json:"code_tov_nomen,omitempty"`
	PhoneOperPerevoda   string      `json:"phone_oper_perevoda"`
	OperationPlatAgenta string      `json:"operation_plat_agenta"`
	PhonePlatAgent      string      `json:"phone_plat_agent"`
	PhoneOperPriemPlat  string      `json:"phone_oper_priem_plat"`
	NameOperPerevoda    string      `json:"name_oper_perevoda"`
	AddressOperPerevoda string      `json:"address_oper_perevoda"`
	InnOperPerevoda     string      `json:"inn_oper_perevoda"`
	PhonePostavshika    string      `json:"phone_postavshika"`
	NamePostavshika     string      `json:"name_postavshika"`
	Discount            *Discount   `json:"discount,omitempty"`
	DeliveryPosition    string      `json:"deliveryposition,omitempty"`
}

// Discount is a product's discount object: the line's skidka in rubles.
type Discount struct {
	Type  string      `json:"type"`  // always "amount"
	Value json.Number `json:"value"` // rubles with two decimals, e.g. 12.97
}

// Oplata is oplata_arr.
type Oplata struct {
	RezhimNalog     string `json:"rezhim_nalog"`
	MoneyNal        int64  `json:"money_nal"`
	MoneyElectro    int64  `json:"money_electro"`
	MoneyPredoplata int64  `json:"money_predoplata"`
	MoneyPostoplata int64  `json:"money_postoplata"`
	MoneyVstrecha   int64  `json:"money_vstrecha"`
	KassirINN       string `json:"kassir_inn"`
	KassirFIO       string `json:"kassir_fio"`
	ClientEmail     string `json:"client_email"`
	ClientPhone     string `json:"client_phone"`
}

// Itog is itog_arr.
type Itog struct {
	PriznakRascheta int   `json:"priznak_rascheta"`
	ItogCheka       int64 `json:"itog_cheka"`
}

// Korr is korr_arr of a sale refund (from Nanokassa's plugin): the paid
// receipt's document name, the unix time of its payment (a string, as the
// plugin sends it) and its number.
type Korr struct {
	NameDocKorr string `json:"name_doc_korr"`
	DateDocKorr string `json:"date_doc_korr"`
	NumDocKorr  string `json:"num_doc_korr"`
}

// agentFields tells which of the document's agent fields 11–19 an agent
// type needs, by the document's own notes: (BPA, BPSA) for 11, 12, 15, 16,
// 17; (PA, PSA) for 13, 14; every type for 18 and 19.
type agentNeed struct {
	field string // Nanokassa's field
	path  string // the generic order's field under item.agent
	get   func(*Product) string
}

var (
	needAll = []agentNeed{
		{"phone_postavshika", "supplier.phone", func(p *Product) string { return p.PhonePostavshika }},
		{"name_postavshika", "supplier.name", func(p *Product) string { return p.NamePostavshika }},
	}
	needBank = []agentNeed{
		{"phone_oper_perevoda", "money_transfer_operator.phone", func(p *Product) string { return p.PhoneOperPerevoda }},
		{"operation_plat_agenta", "paying_agent.operation", func(p *Product) string { return p.OperationPlatAgenta }},
		{"name_oper_perevoda", "money_transfer_operator.name", func(p *Product) string { return p.NameOperPerevoda }},
		{"address_oper_perevoda", "money_transfer_operator.address", func(p *Product) string { return p.AddressOperPerevoda }},
		{"inn_oper_perevoda", "money_transfer_operator.inn", func(p *Product) string { return p.InnOperPerevoda }},
	}
	needPaying = []agentNeed{
		{"phone_plat_agent", "paying_agent.phone", func(p *Product) string { return p.PhonePlatAgent }},
		{"phone_oper_priem_plat", "receive_payments_operator.phone", func(p *Product) string { return p.PhoneOperPriemPlat }},
	}
)

// agentNeeds returns the fields an agent type needs.
func agentNeeds(t receipt.AgentType) []agentNeed {
	out := append([]agentNeed(nil), needAll...)
	switch t {
	case receipt.BankPayingAgent, receipt.BankPayingSubagent:
		out = append(out, needBank...)
	case receipt.PayingAgentType, receipt.PayingSubagent:
		out = append(out, needPaying...)
	}
	return out
}

// settingsRoot returns "settings" for a config path "settings.nanokassa".
func settingsRoot(configPath string) string {
	if i := strings.LastIndexByte(configPath, '.'); i > 0 {
		return configPath[:i]
	}
	return "settings"
}

// orderRoot returns the JSON path of the order ("order") from a line's
// path ("order.items[2]").
func orderRoot(r *receipt.Receipt) string {
	for _, l := range r.Lines {
		if i := strings.LastIndex(l.Path, ".items["); i > 0 {
			return l.Path[:i]
		}
	}
	return "order"
}

// BuildPayload turns a reconciled receipt into the inner Nanokassa request.
// c holds the credentials and options of the settings section; settings is
// the JSON path of the settings object (for deliver, tax_system, vending).
func buildPayload(r *receipt.Receipt, c config, test bool, settings string, p *receipt.Problems) Payload {
	root := orderRoot(r)
	for _, bad := range receipt.Check(r) {
		p.Errorf(CodeUnreconciled, root, "reason", bad)
	}
	out := Payload{KassaID: c.KassaID, KassaToken: c.KassaToken, CMS: c.CMS, Test: "0"}
	if test {
		out.Test = "1"
	}
	if st, ok := sendType(r.Deliver); ok {
		out.CheckSendType = st
	} else {
		p.Errorf(receipt.CodeUnsupported, settings+".deliver", "provider", providerName, "value", "deliver "+strconv.Quote(string(r.Deliver)))
	}
	out.NameZakaz = "заказ"
	if id := strings.TrimSpace(r.ID); id != "" {
		out.NameZakaz += " " + id
	}
	if v := r.Vending; v != nil {
		out.VendAddress = vendField(v.Address, VendAddressLimit, settings+".vending.address", p)
		out.VendPlace = vendField(v.Place, VendPlaceLimit, settings+".vending.place", p)
		out.VendNumber = vendField(v.MachineNumber, VendMachineNoLimit, settings+".vending.machine_number", p)
	}
	out.Products = make([]Product, 0, len(r.Lines))
	for _, l := range r.Lines {
		out.Products = append(out.Products, product(l, c.ExtendedVAT, p))
	}
	out.Oplata = oplata(r, root, settings, p)
	kind, ok := kindCode(r.Kind)
	if !ok {
		p.Errorf(receipt.CodeUnsupported, root+".kind", "provider", providerName, "value", strconv.Quote(string(r.Kind)))
	}
	out.Itog = Itog{PriznakRascheta: kind, ItogCheka: int64(r.Total)}
	out.Korr = korr(r, root, p)
	return out
}

func vendField(v string, limit int, path string, p *receipt.Problems) string {
	v = strings.TrimSpace(v)
	switch n := utf8.RuneCountInString(v); {
	case n == 0:
		p.Errorf(receipt.CodeRequired, path, "field", path[strings.LastIndexByte(path, '.')+1:])
	case n > limit:
		p.Errorf(receipt.CodeTooLong, path, "limit", strconv.Itoa(limit), "length", strconv.Itoa(n))
	}
	return v
}

// product maps one receipt line. Problem paths are the caller's item path
// plus the field.
func product(l receipt.Line, extendedVAT bool, p *receipt.Problems) Product {
	name := strings.TrimSpace(l.Name)
	if name == "" {
		p.Errorf(receipt.CodeRequired, l.Path+".name", "field", "name")
	} else if cut, ok := receipt.Truncate(name, NameLimit); ok {
		p.Warnf(receipt.CodeTruncated, l.Path+".name", "limit", strconv.Itoa(NameLimit), "length", strconv.Itoa(utf8.RuneCountInString(name)))
		name = cut
	}
	out := Product{
		NameTovar:  name,
		Kolvo:      json.Number(l.Quantity.String()),
		PricePiece: int64(l.Price),
		Summa:      int64(l.Total),
	}
	// skidka = price_piece_bez_skidki × kolvo − summa (the line's whole
	// discount). A price above the listed one carries no discount.
	before := l.PriceBeforeDiscount
	if before < l.Price {
		before = l.Price
	}
	out.PriceBezSkidki = int64(before)
	out.Skidka = int64(receipt.Amount(before, l.Quantity) - l.Total)
	if out.Skidka < 0 { // only when Total < Amount(Price, Qty): Check reported it
		out.PriceBezSkidki, out.Skidka = int64(l.Price), 0
	}
	if out.Skidka > 0 {
		out.Discount = &Discount{Type: "amount", Value: json.Number(receipt.Money(out.Skidka).String())}
	}
	var ok bool
	if out.StavkaNDS, ok = vatCode(l.VAT, extendedVAT); !ok {
		p.Errorf(receipt.CodeUnsupported, l.Path+".vat", "provider", providerName, "value", strconv.Quote(string(l.VAT)))
	}
	if out.SposobRascheta, ok = paymentMethodCode(l.PaymentMethod); !ok {
		p.Errorf(receipt.CodeUnsupported, l.Path+".payment_method", "provider", providerName, "value", strconv.Quote(string(l.PaymentMethod)))
	}
	if out.PredmetRascheta, ok = subjectCode(l.Subject); !ok {
		p.Errorf(receipt.CodeUnsupported, l.Path+".subject", "provider", providerName, "value", strconv.Quote(string(l.Subject)))
	}
	if out.PriznakAgenta, ok = agentCode(l.Agent); !ok {
		p.Errorf(receipt.CodeUnsupported, l.Path+".agent.type", "provider", providerName, "value", strconv.Quote(string(l.Agent.Type)))
	}
	switch {
	case l.NomenclatureCode != "":
		out.CodeTovNomen = l.NomenclatureCode
		if l.MarkingCode != "" {
			p.Warnf(CodeNotSent, l.Path+".marking_code", "field", "marking_code")
		}
	case l.MarkingCode != "":
		out.CodeTovNomen = l.MarkingCode
	}
	if a := l.Agent; a != nil {
		agentData(&out, a, l.Path+".agent", p)
	}
	if l.Type == receipt.Shipping {
		out.DeliveryPosition = "yes"
	}
	return out
}

// agentData fills fields 11–19 from the line's agent and checks the ones the
// agent type needs.
func agentData(out *Product, a *receipt.Agent, path string, p *receipt.Problems) {
	out.PhonePostavshika = a.Supplier.Phone
	out.NamePostavshika = a.Supplier.Name
	if pa := a.PayingAgent; pa != nil {
		out.OperationPlatAgenta = pa.Operation
		out.PhonePlatAgent = pa.Phone
	}
	if op := a.ReceivePaymentsOperator; op != nil {
		out.PhoneOperPriemPlat = op.Phone
	}
	if mt := a.MoneyTransferOperator; mt != nil {
		out.PhoneOperPerevoda = mt.Phone
		out.NameOperPerevoda = mt.Name
		out.AddressOperPerevoda = mt.Address
		out.InnOperPerevoda = mt.INN
	}
	if a.Type.Bit() < 0 {
		return
	}
	for _, n := range agentNeeds(a.Type) {
		if strings.TrimSpace(n.get(out)) == "" {
			p.Errorf(receipt.CodeAgentData, path+"."+n.path, "agent", string(a.Type), "field", n.path)
		}
	}
	if a.Supplier.INN != "" {
		p.Warnf(CodeNotSent, path+".supplier.inn", "field", "supplier.inn")
	}
}

func oplata(r *receipt.Receipt, root, settings string, p *receipt.Problems) Oplata {
	out := Oplata{
		MoneyNal:        int64(r.PaymentOf(receipt.Cash)),
		MoneyElectro:    int64(r.PaymentOf(receipt.Electronic)),
		MoneyPredoplata: int64(r.PaymentOf(receipt.Prepaid)),
		MoneyPostoplata: int64(r.PaymentOf(receipt.OnCredit)),
		MoneyVstrecha:   int64(r.PaymentOf(receipt.Other)),
		KassirINN:       r.Cashier.INN,
		KassirFIO:       r.Cashier.Name,
		ClientEmail:     strings.TrimSpace(r.Customer.Email),
		ClientPhone:     digits(r.Customer.Phone),
	}
	for i, pay := range r.Payments {
		if !receipt.Valid(receipt.PaymentTypes, pay.Type) {
			path := pay.Path
			if path == "" {
				path = root + ".payments[" + strconv.Itoa(i) + "]"
			}
			p.Errorf(receipt.CodeUnsupported, path+".type", "provider", providerName, "value", strconv.Quote(string(pay.Type)))
		}
	}
	ts, ok := taxSystemCode(r.TaxSystem)
	if !ok {
		if r.TaxSystem == "" {
			p.Errorf(receipt.CodeRequired, settings+".tax_system", "field", "tax_system")
		} else {
			p.Errorf(receipt.CodeUnsupported, settings+".tax_system", "provider", providerName, "value", strconv.Quote(string(r.TaxSystem)))
		}
	}
	out.RezhimNalog = ts
	switch {
	case r.Deliver == receipt.DeliverEmail && out.ClientEmail == "":
		p.Errorf(receipt.CodeNoContact, root+".customer.email", "deliver", "email")
	case r.Deliver == receipt.DeliverPhone && out.ClientPhone == "":
		p.Errorf(receipt.CodeNoContact, root+".customer.phone", "deliver", "phone")
	}
	if r.Customer.Name != "" {
		p.Warnf(CodeNotSent, root+".customer.name", "field", "customer.name")
	}
	if r.Customer.INN != "" {
		p.Warnf(CodeNotSent, root+".customer.inn", "field", "customer.inn")
	}
	return out
}

// digits keeps the digits of a phone number: client_phone is "only numbers
// (without plus)".
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// korr returns korr_arr for a sale refund with a reference; see doc.go.
func korr(r *receipt.Receipt, root string, p *receipt.Problems) *Korr {
	ref := r.Reference
	if r.Kind != receipt.KindSaleRefund {
		if ref != nil {
			p.Warnf(CodeNotSent, root+".reference", "field", "reference")
		}
		return nil
	}
	if ref == nil {
		p.Warnf(CodeNoReference, root+".reference")
		return nil
	}
	need := func(v, field string) {
		if strings.TrimSpace(v) == "" {
			p.Errorf(receipt.CodeRequired, root+".reference."+field, "field", field)
		}
	}
	date := ""
	if ref.Date > 0 {
		date = strconv.FormatInt(ref.Date, 10)
	}
	need(ref.Name, "name")
	need(ref.Number, "number")
	need(date, "date")
	return &Korr{NameDocKorr: strings.TrimSpace(ref.Name), DateDocKorr: date, NumDocKorr: strings.TrimSpace(ref.Number)}
}
