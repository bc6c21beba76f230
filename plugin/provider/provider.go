// Package provider is the contract between the core and the provider
// packages (nanokassa, kassavonline, itkassa): a reconciled receipt goes in,
// the provider's payload and a complete HTTP request come out; a provider's
// HTTP answer or callback goes in, a normalised Result comes out.
//
// Provider packages are pure: no I/O, no clock, no global randomness. What
// needs randomness (Nanokassa's encryption) reads Options.Rand.
package provider

import (
	"encoding/json"
	"io"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// Request is a complete HTTP request: a host only sends it.
type Request struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// Options are what a provider needs besides the receipt.
type Options struct {
	// Test is true unless the caller said "test": false.
	Test bool
	// Config is the provider's own settings object (credentials, URLs) and
	// ConfigPath its JSON path, e.g. "settings.nanokassa".
	Config     json.RawMessage
	ConfigPath string
	// Rand is the source of randomness (crypto/rand natively, the host's
	// random source in wasm). Providers that need none ignore it.
	Rand io.Reader
}

// Built is a provider's answer to Build.
type Built struct {
	// Payload is the provider's JSON exactly as its document shows it,
	// before any envelope or encryption.
	Payload json.RawMessage
	Request Request
}

// Command is a provider service document request (open/close shift,
// reports, cash in/out, correction, status, …).
type Command struct {
	// Type is one of the Cmd constants.
	Type string
	// Params is the command's own JSON object, ParamsPath its JSON path.
	Params     json.RawMessage
	ParamsPath string
}

// Command types. A provider that has no such document answers with the
// problem code "unsupported" at path "command.type".
const (
	CmdOpenShift        = "open_shift"
	CmdCloseShift       = "close_shift" // Z report
	CmdXReport          = "x_report"
	CmdCashIn           = "cash_in"
	CmdCashOut          = "cash_out"
	CmdCorrection       = "correction"
	CmdStatus           = "status"          // status of a receipt by its id(s)
	CmdInfo             = "info"            // receipt details (Kassa-v-online /api/info)
	CmdCashboxList      = "cashbox_list"    // ITKassa GET cre/items
	CmdDocumentByKey    = "document_by_key" // ITKassa GET print-documents/<key>/idempotent
	CmdCallbackSettings = "callback_settings"
	CmdSlip             = "slip" // ITKassa non-fiscal slip
)

// Response is an HTTP answer (or callback request) from a provider.
type Response struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
	// For tells what the answer answers: "build" (a receipt submission),
	// "status", "callback", or a command type. Empty: guess from the shape.
	For string `json:"for"`
}

// Result states of a normalised answer.
const (
	StateQueued = "queued"
	StateDone   = "done"
	StateFailed = "failed"
)

// Result is a provider answer, normalised.
type Result struct {
	State     string       `json:"state"`
	Retryable bool         `json:"retryable"`
	ID        string       `json:"id,omitempty"` // the provider's document id(s), to ask for status
	Fiscal    *Fiscal      `json:"fiscal,omitempty"`
	Error     *ResultError `json:"error,omitempty"`
	// Raw carries provider fields worth keeping that have no common name.
	Raw map[string]string `json:"raw,omitempty"`
}

// Fiscal holds the fiscal data of a printed receipt, as far as the provider
// reports it.
type Fiscal struct {
	DocumentNumber string `json:"document_number,omitempty"` // ФД
	FiscalSign     string `json:"fiscal_sign,omitempty"`     // ФП / ФПД
	FNNumber       string `json:"fn_number,omitempty"`       // ФН
	ShiftNumber    string `json:"shift_number,omitempty"`
	ReceiptNumber  string `json:"receipt_number,omitempty"`
	Date           string `json:"date,omitempty"`
	Total          string `json:"total,omitempty"`
	QR             string `json:"qr,omitempty"`  // the t=…&s=…&fn=… string
	URL            string `json:"url,omitempty"` // public receipt page
}

// ResultError is the provider's error, with its own code and message.
type ResultError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Provider is implemented by every provider package.
type Provider interface {
	// Name is the settings name: "nanokassa", "kassavonline", "itkassa".
	Name() string
	// Build turns a reconciled receipt into the payload and the request.
	// Problems hold errors (nothing built) and warnings (built).
	Build(r *receipt.Receipt, o Options) (Built, receipt.Problems)
	// Command builds a service document request.
	Command(c Command, o Options) (Request, receipt.Problems)
	// Parse normalises an answer or callback.
	Parse(resp Response, o Options) (Result, receipt.Problems)
}
