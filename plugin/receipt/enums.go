package receipt

// The canonical enumerations use the names of the FFD tags that Russian
// developers know from ATOL and YooKassa. Each is a string type whose zero
// value means "not given"; Valid reports whether a value is one of the names.

// Kind is the receipt kind (FFD tag 1054, "признак расчёта").
type Kind string

// Receipt kinds.
const (
	KindSale           Kind = "sale"            // приход
	KindSaleRefund     Kind = "sale_refund"     // возврат прихода
	KindPurchase       Kind = "purchase"        // расход
	KindPurchaseRefund Kind = "purchase_refund" // возврат расхода
)

// Kinds lists every Kind.
var Kinds = []Kind{KindSale, KindSaleRefund, KindPurchase, KindPurchaseRefund}

// VAT is a line's VAT rate (FFD tag 1199).
type VAT string

// VAT rates; vat105/vat107/vat110/vat120/vat122 are the calculated rates
// 5/105, 7/107, 10/110, 20/120 and 22/122.
const (
	VATNone VAT = "none"
	VAT0    VAT = "vat0"
	VAT5    VAT = "vat5"
	VAT7    VAT = "vat7"
	VAT10   VAT = "vat10"
	VAT20   VAT = "vat20"
	VAT22   VAT = "vat22"
	VAT105  VAT = "vat105"
	VAT107  VAT = "vat107"
	VAT110  VAT = "vat110"
	VAT120  VAT = "vat120"
	VAT122  VAT = "vat122"
)

// VATs lists every VAT.
var VATs = []VAT{VATNone, VAT0, VAT5, VAT7, VAT10, VAT20, VAT22, VAT105, VAT107, VAT110, VAT120, VAT122}

// PaymentMethod is the payment method of a line (FFD tag 1214).
type PaymentMethod string

// Payment methods.
const (
	FullPrepayment PaymentMethod = "full_prepayment" // 1
	Prepayment     PaymentMethod = "prepayment"      // 2
	Advance        PaymentMethod = "advance"         // 3
	FullPayment    PaymentMethod = "full_payment"    // 4
	PartialPayment PaymentMethod = "partial_payment" // 5
	Credit         PaymentMethod = "credit"          // 6
	CreditPayment  PaymentMethod = "credit_payment"  // 7
)

// PaymentMethods lists every PaymentMethod in FFD order (code = index + 1).
var PaymentMethods = []PaymentMethod{FullPrepayment, Prepayment, Advance, FullPayment, PartialPayment, Credit, CreditPayment}

// Subject is the payment subject of a line (FFD tag 1212).
type Subject string

// Payment subjects.
const (
	Commodity            Subject = "commodity"             // 1
	Excise               Subject = "excise"                // 2
	Job                  Subject = "job"                   // 3
	Service              Subject = "service"               // 4
	GamblingBet          Subject = "gambling_bet"          // 5
	GamblingPrize        Subject = "gambling_prize"        // 6
	Lottery              Subject = "lottery"               // 7
	LotteryPrize         Subject = "lottery_prize"         // 8
	IntellectualActivity Subject = "intellectual_activity" // 9
	SubjectPayment       Subject = "payment"               // 10
	AgentCommission      Subject = "agent_commission"      // 11
	Composite            Subject = "composite"             // 12
	Another              Subject = "another"               // 13
	PropertyRight        Subject = "property_right"        // 14
	NonOperatingGain     Subject = "non_operating_gain"    // 15
	InsurancePremium     Subject = "insurance_premium"     // 16
	SalesTax             Subject = "sales_tax"             // 17
	ResortFee            Subject = "resort_fee"            // 18
	Deposit              Subject = "deposit"               // 19
)

// Subjects lists every Subject in FFD order (code = index + 1).
var Subjects = []Subject{Commodity, Excise, Job, Service, GamblingBet, GamblingPrize, Lottery, LotteryPrize,
	IntellectualActivity, SubjectPayment, AgentCommission, Composite, Another, PropertyRight, NonOperatingGain,
	InsurancePremium, SalesTax, ResortFee, Deposit}

// PaymentType is how money was received (FFD tags 1031, 1081, 1215, 1216, 1217).
type PaymentType string

// Payment types.
const (
	Cash       PaymentType = "cash"
	Electronic PaymentType = "electronic"
	Prepaid    PaymentType = "prepaid" // advance received earlier (1215)
	OnCredit   PaymentType = "credit"  // post-payment (1216)
	Other      PaymentType = "other"   // counter-provision (1217)
)

// PaymentTypes lists every PaymentType.
var PaymentTypes = []PaymentType{Cash, Electronic, Prepaid, OnCredit, Other}

// TaxSystem is the seller's tax system (FFD tag 1055).
type TaxSystem string

// Tax systems.
const (
	OSN              TaxSystem = "osn"
	USNIncome        TaxSystem = "usn_income"
	USNIncomeOutcome TaxSystem = "usn_income_outcome"
	ENVD             TaxSystem = "envd"
	ESN              TaxSystem = "esn"
	Patent           TaxSystem = "patent"
)

// TaxSystems lists every TaxSystem.
var TaxSystems = []TaxSystem{OSN, USNIncome, USNIncomeOutcome, ENVD, ESN, Patent}

// AgentType is the agent sign of a line (FFD tags 1057/1222); Bit is its bit
// number in the tag's bit mask.
type AgentType string

// Agent types, in bit order (bit = index).
const (
	BankPayingAgent    AgentType = "bank_paying_agent"    // bit 0
	BankPayingSubagent AgentType = "bank_paying_subagent" // bit 1
	PayingAgentType    AgentType = "paying_agent"         // bit 2
	PayingSubagent     AgentType = "paying_subagent"      // bit 3
	Attorney           AgentType = "attorney"             // bit 4
	CommissionAgent    AgentType = "commission_agent"     // bit 5
	AnotherAgent       AgentType = "another"              // bit 6
)

// AgentTypes lists every AgentType in bit order.
var AgentTypes = []AgentType{BankPayingAgent, BankPayingSubagent, PayingAgentType, PayingSubagent, Attorney, CommissionAgent, AnotherAgent}

// ItemType tells goods from shipping and fees.
type ItemType string

// Item types.
const (
	Goods    ItemType = "goods"
	Shipping ItemType = "shipping"
	Fee      ItemType = "fee"
)

// ItemTypes lists every ItemType.
var ItemTypes = []ItemType{Goods, Shipping, Fee}

// Deliver is how the customer gets the receipt.
type Deliver string

// Delivery channels.
const (
	DeliverEmail Deliver = "email"
	DeliverPhone Deliver = "phone"
	DeliverPrint Deliver = "print"
)

// Delivers lists every Deliver.
var Delivers = []Deliver{DeliverEmail, DeliverPhone, DeliverPrint}

// Index returns the position of v in list, or -1. FFD codes of the ordered
// enumerations are Index+1 (payment methods, subjects) or the bit number
// (agent types).
func Index[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

// Valid reports whether v is one of list.
func Valid[T comparable](list []T, v T) bool { return Index(list, v) >= 0 }

// Bit returns the agent type's bit number in tag 1057, or -1.
func (a AgentType) Bit() int { return Index(AgentTypes, a) }
