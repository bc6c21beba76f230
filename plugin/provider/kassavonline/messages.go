package kassavonline

import "github.com/kopeck/kopeck/plugin/receipt"

// Problem codes of this provider, added to the core catalog in init.
const (
	// CodeInexactLine: price × quantity of a line is not exactly its total.
	// Kassa-v-online has no line total field and computes price × quantity
	// itself, so such a line would be fiscalised with a different amount.
	CodeInexactLine = "inexact_line_total"
	// CodeMarking: a line carries a marking or nomenclature code, which the
	// provider has no field for (error unless settings say "marking": "warn").
	CodeMarking = "marking_unsupported"
	// CodeNotSent: warning, a value of the receipt has no field at
	// Kassa-v-online and is not transmitted.
	CodeNotSent = "not_sent"
	// CodeNoTestMode: "test": true without a URL override; the provider has
	// no sandbox, every request to it is a real fiscal document.
	CodeNoTestMode = "no_test_mode"
	// CodeInvalidURL is the core's code for a URL setting that is not http(s).
	CodeInvalidURL = receipt.CodeInvalidURL
	// CodeAnswerWithoutID: warning, an accepted answer without a receipt id.
	CodeAnswerWithoutID = "answer_without_id"
	// CodeInternal: a defect in this package, caught instead of a panic.
	CodeInternal = "internal_error"
)

func init() {
	receipt.Register(CodeInternal, "internal error in the Kassa-v-online provider", "внутренняя ошибка провайдера Kassa-v-online")
	receipt.Register(CodeInexactLine,
		"price {price} × quantity {quantity} = {exact} is not the line total {total}: Kassa-v-online computes price × quantity itself and would fiscalise a different amount",
		"цена {price} × количество {quantity} = {exact} не равно сумме позиции {total}: Kassa-v-online сама умножает цену на количество и пробьёт другую сумму")
	receipt.Register(CodeMarking,
		"Kassa-v-online has no field for the {field}; set \"marking\": \"warn\" in settings.kassavonline to send the line without it",
		"у Kassa-v-online нет поля для {field}; чтобы пробить позицию без него, укажите \"marking\": \"warn\" в settings.kassavonline")
	receipt.Register(CodeNotSent,
		"{field} is not sent: Kassa-v-online has no field for it",
		"{field} не передаётся: у Kassa-v-online нет такого поля")
	receipt.Register(CodeNoTestMode,
		"Kassa-v-online has no test mode: every request prints a real fiscal document; set \"test\": false, or point settings.kassavonline.url at a simulator",
		"у Kassa-v-online нет тестового режима: каждый запрос печатает настоящий фискальный документ; укажите \"test\": false или направьте settings.kassavonline.url на симулятор")
	receipt.Register(CodeAnswerWithoutID,
		"the answer accepts the request but carries no receipt id: its status cannot be asked",
		"ответ принимает запрос, но не содержит id чека: узнать его статус нельзя")
}
