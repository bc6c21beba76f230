package nanokassa

import (
	"encoding/json"

	"github.com/kopeck/kopeck/internal/jsonout"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// Name is the provider's settings name.
const Name = "nanokassa"

// Provider builds Nanokassa requests and reads its answers.
type Provider struct{}

// New returns the Nanokassa provider.
func New() provider.Provider { return Provider{} }

// Name returns "nanokassa".
func (Provider) Name() string { return Name }

// Build maps the receipt to the inner JSON (Built.Payload, exactly the
// bytes that are encrypted), encrypts it twice and returns the POST request
// with the envelope-2 body. Nothing is built when a problem is an error.
func (Provider) Build(r *receipt.Receipt, o provider.Options) (provider.Built, receipt.Problems) {
	var p receipt.Problems
	if r == nil {
		p.Errorf(receipt.CodeRequired, "order", "field", "order")
		return provider.Built{}, p
	}
	c := readConfig(o, true, true, &p)
	pl := buildPayload(r, c, o.Test, settingsRoot(c.Path), &p)
	if p.HasErrors() {
		return provider.Built{}, p
	}
	inner, err := jsonout.Marshal(pl)
	if err != nil {
		p.Errorf(CodeEncryption, c.Path, "reason", "the payload cannot be encoded")
		return provider.Built{}, p
	}
	body, err := envelope(inner, c, pl.Test, o.Rand)
	if err != nil {
		p.Errorf(CodeEncryption, c.Path, "reason", err.Error())
		return provider.Built{}, p
	}
	return provider.Built{
		Payload: json.RawMessage(inner),
		Request: provider.Request{
			Method:  "POST",
			URL:     c.URL,
			Headers: map[string]string{"Content-Type": "application/json"},
			Body:    string(body),
		},
	}, p
}

// Command builds the status request; every other command type is
// unsupported (Nanokassa documents no shift, report or cash API).
func (Provider) Command(c provider.Command, o provider.Options) (provider.Request, receipt.Problems) {
	return command(c, o)
}

// Parse normalises a submission answer (For "build") or a getfp answer
// (For "status"); with For empty the shape decides.
func (Provider) Parse(resp provider.Response, o provider.Options) (provider.Result, receipt.Problems) {
	return parse(resp)
}
