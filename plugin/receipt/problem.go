package receipt

import "strings"

// Severity tells an error (the receipt cannot be built) from a warning (it
// was built, and something was changed or is worth a look).
type Severity string

// Severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Problem is one thing wrong with the input: a stable Code, the JSON Path of
// the field in the caller's input ("order.items[2].price", "settings.tax_system"),
// an English Message (Russian when the caller's locale is "ru") and the Params
// the message was made from. Problems never contain credentials.
type Problem struct {
	Code     string            `json:"code"`
	Path     string            `json:"path"`
	Message  string            `json:"message"`
	Params   map[string]string `json:"params,omitempty"`
	Severity Severity          `json:"-"`
}

func (p Problem) Error() string { return p.Path + ": " + p.Message }

// Problems collects every problem of one call; errors and warnings alike.
type Problems []Problem

// Errorf records an error. params are key, value pairs used by the message
// templates of the catalog (see messages.go).
func (ps *Problems) Errorf(code, path string, params ...string) {
	*ps = append(*ps, NewProblem(SeverityError, code, path, params...))
}

// Warnf records a warning.
func (ps *Problems) Warnf(code, path string, params ...string) {
	*ps = append(*ps, NewProblem(SeverityWarning, code, path, params...))
}

// Add appends all of other.
func (ps *Problems) Add(other Problems) { *ps = append(*ps, other...) }

// NewProblem builds a Problem with its English message.
func NewProblem(sev Severity, code, path string, params ...string) Problem {
	p := Problem{Code: code, Path: path, Severity: sev}
	if len(params) > 0 {
		p.Params = make(map[string]string, len(params)/2)
		for i := 0; i+1 < len(params); i += 2 {
			p.Params[params[i]] = params[i+1]
		}
	}
	p.Message = render(code, "en", p.Params)
	return p
}

// HasErrors reports whether any problem is an error.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity != SeverityWarning {
			return true
		}
	}
	return false
}

// Errors returns the errors, in the order they were found.
func (ps Problems) Errors() Problems { return ps.filter(false) }

// Warnings returns the warnings, in the order they were found.
func (ps Problems) Warnings() Problems { return ps.filter(true) }

func (ps Problems) filter(warn bool) Problems {
	out := Problems{}
	for _, p := range ps {
		if (p.Severity == SeverityWarning) == warn {
			out = append(out, p)
		}
	}
	return out
}

// Localize returns the problems with messages in locale ("en" or "ru";
// anything else is English).
func (ps Problems) Localize(locale string) Problems {
	if locale != "ru" {
		return ps
	}
	out := make(Problems, len(ps))
	for i, p := range ps {
		p.Message = render(p.Code, locale, p.Params)
		out[i] = p
	}
	return out
}

// Codes returns the codes, for tests and logs.
func (ps Problems) Codes() []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Code
	}
	return out
}

func (ps Problems) Error() string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Error()
	}
	return strings.Join(parts, "; ")
}

// render fills a message template: {name} is replaced by params[name].
func render(code, locale string, params map[string]string) string {
	m, ok := catalog[code]
	if !ok {
		m = message{en: code, ru: code}
	}
	t := m.en
	if locale == "ru" && m.ru != "" {
		t = m.ru
	}
	if len(params) == 0 || !strings.Contains(t, "{") {
		return t
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		j := strings.IndexByte(t[i+1:], '}')
		if i < 0 || j < 0 {
			b.WriteString(t)
			return b.String()
		}
		name := t[i+1 : i+1+j]
		v, ok := params[name]
		if !ok {
			v = "{" + name + "}"
		}
		b.WriteString(t[:i])
		b.WriteString(v)
		t = t[i+2+j:]
	}
}

type message struct{ en, ru string }

// Register adds message templates for codes defined outside this package
// (mappings and providers). It is meant for package init functions. A code
// registered again with other texts keeps its first texts and is recorded
// in Conflicts: one code, one meaning, whichever package reports it.
func Register(code, en, ru string) {
	if m, ok := catalog[code]; ok {
		if m.en != en || m.ru != ru {
			conflicts = append(conflicts, code)
		}
		return
	}
	catalog[code] = message{en: en, ru: ru}
}

var conflicts []string

// Conflicts lists the codes registered twice with different texts; a test
// over every package keeps it empty.
func Conflicts() []string { return conflicts }
