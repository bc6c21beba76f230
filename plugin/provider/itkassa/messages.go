package itkassa

import "github.com/kopeck/kopeck/plugin/receipt"

// Problem codes of the ITKassa provider. The core codes (required,
// unsupported, truncated, …) are used where they fit.
const (
	// CodeLineAmount is a line whose total is not price × quantity: the core
	// guarantees it, the builder asserts it before anything leaves kopeck.
	CodeLineAmount = "line_amount_mismatch"
	// CodeLinesTotal is a receipt whose lines do not add up to its total.
	CodeLinesTotal = "lines_total_mismatch"
	// CodeAgentConflict is receipt-level agent data (tags 1044, 1073, 1074,
	// 1005, 1016, 1026, 1075) that differs between lines: ITKassa carries
	// them once per receipt.
	CodeAgentConflict = "agent_data_conflict"
	// CodeInvalidUUID is a cashbox id or idempotency key that is not a GUID.
	CodeInvalidUUID = "invalid_uuid"
	// CodeInvalidURL is the core's code for a URL setting that is not http(s).
	CodeInvalidURL = receipt.CodeInvalidURL
	// CodeInvalidDate is a date that is not a valid YYYY-MM-DD.
	CodeInvalidDate = "invalid_date"
	// CodeInvalidKey is a callback key outside ITKassa's alphabet (0-9, a-z, ≤ 36).
	CodeInvalidKey = "invalid_callback_key"
	// CodeNomenclature is a nomenclature code (tag 1162) that is not hex bytes.
	CodeNomenclature = "invalid_nomenclature_code"
	// CodeNoTestEndpoint: ITKassa has no test endpoint, so a test call must
	// point settings.itkassa.url at a sandbox (or say "test": false).
	CodeNoTestEndpoint = "no_test_endpoint"
	// CodeOutOfRange is a number outside its allowed range.
	CodeOutOfRange = "out_of_range"
	// CodeCallbackUnauthorized is a callback whose X-API-Key is missing or wrong.
	CodeCallbackUnauthorized = "callback_unauthorized"
)

func init() {
	receipt.Register(CodeLineAmount,
		"line total {total} is not price {price} × quantity {quantity} = {amount}",
		"сумма позиции {total} не равна цене {price} × количество {quantity} = {amount}")
	receipt.Register(CodeLinesTotal,
		"lines add up to {lines}, the receipt total is {total}",
		"сумма позиций {lines} не равна итогу чека {total}")
	receipt.Register(CodeAgentConflict,
		"{field} differs between lines ({first} and {second}); ITKassa has one per receipt",
		"{field} различается у позиций ({first} и {second}); в АйтиКассе он один на чек")
	receipt.Register(CodeInvalidUUID,
		"{value} is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
		"{value} — не GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)")
	receipt.Register(CodeInvalidDate,
		"{value} is not a date YYYY-MM-DD",
		"{value} — не дата в формате ГГГГ-ММ-ДД")
	receipt.Register(CodeInvalidKey,
		"the callback key must be 1 to 36 characters 0-9, a-z",
		"ключ callback должен состоять из 1–36 символов 0-9, a-z")
	receipt.Register(CodeNomenclature,
		"the nomenclature code must be hex bytes separated by spaces, e.g. \"15 20 04 36\"",
		"код товара должен состоять из шестнадцатеричных байтов через пробел, например \"15 20 04 36\"")
	receipt.Register(CodeNoTestEndpoint,
		"ITKassa has no test endpoint: with test true set settings.itkassa.url (e.g. the kopeck sandbox), or set test false to print real receipts",
		"у АйтиКассы нет тестового адреса: при test true укажите settings.itkassa.url (например, песочницу kopeck) или задайте test false для настоящих чеков")
	receipt.Register(CodeOutOfRange,
		"{value} is outside {min}…{max}",
		"{value} вне диапазона {min}…{max}")
	receipt.Register(CodeCallbackUnauthorized,
		"the callback's X-API-Key is {reason}",
		"X-API-Key callback-запроса: {reason}")
}
