// Package engine is the one function behind every export of the plugin:
// JSON in, JSON out. The wasm shell (package main in plugin/) and the
// native CLI call the same Call, so both give the same bytes.
//
// Inputs and outputs of the exports:
//
//	build     {"settings":{…},"source":"generic|woocommerce","order":{…},"refund":{…}}
//	          → {"receipt":{…},"payload":{…},"request":{"method","url","headers","body"},"warnings":[…]}
//	          or {"errors":[…],"warnings":[…]} when the order cannot be fiscalised
//	validate  same input → {"errors":[…],"warnings":[…]}
//	command   {"settings":{…},"command":{"type":"x_report","params":{…}}} → {"request":{…},"warnings":[…]}
//	parse     {"settings":{…},"response":{"status":200,"headers":{…},"body":"…","for":"build"}}
//	          → {"state":"queued|done|failed","retryable":false,"fiscal":{…},"error":{…}}
//	version   anything → {"version","providers","sources","schemas","exports"}
//
// Every problem is {"code","path","message"[,"params"]}; paths start at the
// input's own root ("order.items[0].price", "settings.tax_system").
package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/internal/jsonout"
	"github.com/kopeck/kopeck/mapping/generic"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/kopeck/kopeck/plugin/settings"
	"github.com/tidwall/gjson"
)

// Version is the plugin's version.
const Version = "0.1.0"

// Env is what the host provides to a call.
type Env struct {
	// Rand is the source of randomness (encryption keys, IVs).
	Rand io.Reader
}

// Exports lists the export names Call answers.
var Exports = []string{"build", "validate", "command", "parse", "version"}

// Call runs the export name ("build", "validate", "command", "parse",
// "version") on input JSON. Bad input is a normal JSON answer with "errors";
// err is non-nil only for internal failures. Call never panics.
func Call(name string, input []byte, env Env) ([]byte, error) {
	switch name {
	case "build":
		return callWith(func() any { return build(input, env, modeBuild) })
	case "validate":
		return callWith(func() any { return build(input, env, modeValidate) })
	case "command":
		return callWith(func() any { return command(input) })
	case "parse":
		return callWith(func() any { return parse(input) })
	case "version":
		return callWith(func() any { return version() })
	}
	return nil, fmt.Errorf("kopeck: unknown export %q", name)
}

// callWith runs f and encodes its answer; a panic becomes an error with the
// first lines of the stack, never a crash of the caller.
func callWith(f func() any) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("kopeck: internal error: %v\n%s", r, firstLines(debug.Stack(), 12))
		}
	}()
	return jsonout.Marshal(f()) // "&" and "<" in names and URLs stay as they are
}

// problems is the JSON form of problems: never null.
func problems(ps receipt.Problems) receipt.Problems {
	if ps == nil {
		return receipt.Problems{}
	}
	return ps
}

// Answer is the output of build and validate.
type Answer struct {
	Receipt  *receipt.Receipt  `json:"receipt,omitempty"`
	Payload  json.RawMessage   `json:"payload,omitempty"`
	Request  *provider.Request `json:"request,omitempty"`
	Errors   receipt.Problems  `json:"errors,omitempty"`
	Warnings receipt.Problems  `json:"warnings"`
}

type input struct {
	root     jsonin.Obj
	settings settings.Settings
	p        receipt.Problems
}

// readInput parses the common envelope {"settings":{…}, …}.
func readInput(data []byte) *input {
	in := &input{settings: settings.Default()}
	root, ok := jsonin.Parse(data, "input", &in.p)
	if !ok {
		return in
	}
	if !root.R.IsObject() {
		in.p.Errorf(receipt.CodeWrongType, "input", "expected", "object", "got", "other")
		return in
	}
	// Paths inside the input start at its members ("order…", "settings…").
	root.Path = ""
	in.root = root
	if s := child(root, "settings"); s.IsObject() {
		settings.FromObj(s, &in.settings)
	}
	return in
}

// child returns a member with a path that has no leading dot.
func child(o jsonin.Obj, name string) jsonin.Obj {
	c := o.Child(name)
	c.Path = strings.TrimPrefix(c.Path, ".")
	return c
}

func (in *input) answer(a *Answer) *Answer {
	ps := in.p.Localize(in.settings.Locale)
	a.Warnings = problems(ps.Warnings())
	if ps.HasErrors() {
		return &Answer{Errors: ps.Errors(), Warnings: a.Warnings}
	}
	return a
}

// Modes of build: validate answers problems only; build needs a provider;
// receiptOnly (tests and golden files of the core) stops at the receipt
// when settings name no provider.
const (
	modeValidate = iota
	modeBuild
	modeReceiptOnly
)

func build(data []byte, env Env, mode int) *Answer {
	in := readInput(data)
	if in.root.P == nil {
		return in.answer(&Answer{})
	}
	in.root.Known("settings", "source", "order", "refund")
	before := len(in.p)
	order := mapOrder(in)
	mapped := !in.p[before:].HasErrors()
	s := in.settings
	var prov provider.Provider
	if s.Provider == "" {
		if mode == modeBuild {
			in.p.Errorf(receipt.CodeRequired, "settings.provider", "field", "provider")
		}
	} else {
		prov = in.lookup()
	}
	if e, ok := prov.(exactLiner); ok && e.ExactLines() {
		s.Rules.ExactLines = true
	}
	var r *receipt.Receipt
	if mapped {
		var more receipt.Problems
		r, more = receipt.Reconcile(order, s.Rules)
		in.p.Add(more)
	} else {
		// Field checks still run, so that one answer lists every problem.
		_, more := receipt.Normalize(order, s.Rules)
		in.p.Add(more)
	}
	if r != nil && prov == nil && mode == modeReceiptOnly && !in.p.HasErrors() {
		return in.answer(&Answer{Receipt: r})
	}
	if r == nil || prov == nil || in.p.HasErrors() {
		return in.answer(&Answer{})
	}
	raw, path := s.Section(prov.Name())
	rnd := env.Rand
	if mode == modeValidate {
		rnd = zeros{} // the request is thrown away: no randomness is spent on it
	}
	b, more := prov.Build(r, provider.Options{Test: s.Test, Config: raw, ConfigPath: path, Rand: rnd})
	in.p.Add(more)
	if mode == modeValidate {
		return in.answer(&Answer{})
	}
	return in.answer(&Answer{Receipt: r, Payload: b.Payload, Request: &b.Request})
}

// mapOrder dispatches on "source".
func mapOrder(in *input) receipt.Order {
	src := child(in.root, "source").AsStr("source", false)
	order := child(in.root, "order")
	switch src {
	case "", "generic":
		return generic.FromObj(order)
	default:
		if m, ok := sources[src]; ok {
			refund := child(in.root, "refund")
			return m(order, refund, in.settings)
		}
		in.p.Errorf(receipt.CodeUnknownValue, "source", "value", fmt.Sprintf("%q", src), "allowed", strings.Join(sourceNames(), ", "))
		return receipt.Order{}
	}
}

// CommandAnswer is the output of command.
type CommandAnswer struct {
	Request  *provider.Request `json:"request,omitempty"`
	Errors   receipt.Problems  `json:"errors,omitempty"`
	Warnings receipt.Problems  `json:"warnings"`
}

func command(data []byte) *CommandAnswer {
	in := readInput(data)
	out := &CommandAnswer{}
	prov := in.provider()
	c := child(in.root, "command")
	var cmd provider.Command
	if in.root.P != nil {
		in.root.Known("settings", "command")
		if !c.Exists() {
			in.p.Errorf(receipt.CodeRequired, "command", "field", "command")
		} else if c.IsObject() {
			c.Known("type", "params")
			cmd.Type = c.Str("type", true)
			params := c.Child("params")
			cmd.Params, cmd.ParamsPath = json.RawMessage("{}"), params.Path
			if params.IsObject() {
				cmd.Params = json.RawMessage(params.R.Raw)
			}
		}
	}
	if prov != nil && !in.p.HasErrors() {
		raw, path := in.settings.Section(prov.Name())
		req, more := prov.Command(cmd, provider.Options{Test: in.settings.Test, Config: raw, ConfigPath: path})
		in.p.Add(more)
		out.Request = &req
	}
	ps := in.p.Localize(in.settings.Locale)
	out.Warnings = problems(ps.Warnings())
	if ps.HasErrors() {
		return &CommandAnswer{Errors: ps.Errors(), Warnings: out.Warnings}
	}
	return out
}

func (in *input) provider() provider.Provider {
	if in.root.P == nil {
		return nil
	}
	if in.settings.Provider == "" {
		in.p.Errorf(receipt.CodeRequired, "settings.provider", "field", "provider")
		return nil
	}
	return in.lookup()
}

// lookup returns the settings' provider; one that this build does not
// include is an error, never a silent skip.
func (in *input) lookup() provider.Provider {
	p, ok := providers[in.settings.Provider]
	if !ok {
		in.p.Errorf(receipt.CodeUnsupported, "settings.provider", "provider", "kopeck "+Version, "value", in.settings.Provider)
	}
	return p
}

// ParseAnswer is the output of parse: the normalised result, or errors when
// the input itself is wrong.
type ParseAnswer struct {
	*provider.Result
	Errors   receipt.Problems `json:"errors,omitempty"`
	Warnings receipt.Problems `json:"warnings"`
}

func parse(data []byte) *ParseAnswer {
	in := readInput(data)
	prov := in.provider()
	var resp provider.Response
	if in.root.P != nil {
		in.root.Known("settings", "response")
		r := child(in.root, "response")
		if !r.Exists() {
			in.p.Errorf(receipt.CodeRequired, "response", "field", "response")
		} else if r.IsObject() {
			r.Known("status", "headers", "body", "for")
			if st := r.Child("status"); st.Exists() {
				if st.R.Type != gjson.Number || st.R.Int() < 100 || st.R.Int() > 599 {
					in.p.Errorf(receipt.CodeWrongType, st.Path, "expected", "HTTP status 100..599", "got", st.R.Raw)
				}
				resp.Status = int(st.R.Int())
			}
			resp.Headers = map[string]string{}
			if h := r.Child("headers"); h.IsObject() {
				h.R.ForEach(func(k, v gjson.Result) bool {
					resp.Headers[k.Str] = v.String()
					return true
				})
			}
			resp.Body = r.Str("body", false)
			resp.For = r.Str("for", false)
		}
	}
	out := &ParseAnswer{}
	if prov != nil && !in.p.HasErrors() {
		raw, path := in.settings.Section(prov.Name())
		res, more := prov.Parse(resp, provider.Options{Test: in.settings.Test, Config: raw, ConfigPath: path})
		in.p.Add(more)
		out.Result = &res
	}
	ps := in.p.Localize(in.settings.Locale)
	out.Warnings = problems(ps.Warnings())
	if ps.HasErrors() {
		return &ParseAnswer{Errors: ps.Errors(), Warnings: out.Warnings}
	}
	return out
}

// VersionAnswer is the output of version.
type VersionAnswer struct {
	Version   string            `json:"version"`
	Providers []string          `json:"providers"`
	Sources   []string          `json:"sources"`
	Schemas   map[string]string `json:"schemas"`
	Exports   []string          `json:"exports"`
}

func version() *VersionAnswer {
	return &VersionAnswer{
		Version:   Version,
		Providers: providerNames(),
		Sources:   sourceNames(),
		Schemas:   map[string]string{"order": "kopeck.generic/1", "settings": "kopeck.settings/1", "answer": "kopeck.answer/1"},
		Exports:   Exports,
	}
}

func firstLines(b []byte, n int) []byte {
	lines := bytes.SplitN(b, []byte("\n"), n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return bytes.Join(lines, []byte("\n"))
}

// exactLiner is implemented by providers that send no line total and let
// the register compute price × quantity (receipt.Rules.ExactLines).
type exactLiner interface{ ExactLines() bool }

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
