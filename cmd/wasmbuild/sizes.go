package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// runSizes builds the plugin with symbols and prints where its bytes go:
// sections, then code bytes per package and the biggest functions.
func runSizes(w io.Writer) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	wasm, err := buildTemp(root, false)
	if err != nil {
		return err
	}
	r, err := analyze(wasm)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "non-stripped build: %d bytes\n\nsections:\n", len(wasm))
	for _, s := range r.sections {
		fmt.Fprintf(w, "  %-10s %9d\n", s.name, s.size)
	}
	pkgs := map[string]int{}
	for _, f := range r.funcs {
		pkgs[packageOf(f.name)] += f.size
	}
	fmt.Fprintf(w, "\ncode bytes by package (top 30):\n")
	for _, p := range top(pkgs, 30) {
		fmt.Fprintf(w, "  %9d  %s\n", p.size, p.name)
	}
	fmt.Fprintf(w, "\nbiggest functions (top 20):\n")
	funcs := append([]sized(nil), r.funcs...)
	sort.Slice(funcs, func(i, j int) bool { return funcs[i].size > funcs[j].size })
	for _, f := range funcs[:min(20, len(funcs))] {
		fmt.Fprintf(w, "  %9d  %s\n", f.size, f.name)
	}
	return nil
}

// sized is a named thing and its size in bytes.
type sized struct {
	name string
	size int
}

// report is what analyze finds in a wasm binary.
type report struct {
	sections []sized // in file order; custom sections by their name
	funcs    []sized // defined functions: name (or "func[i]") and body size
}

// sectionNames are the standard section ids.
var sectionNames = map[byte]string{1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
	6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}

// analyze reads the sections of a wasm binary, the sizes of the function
// bodies and, when there is a name section, the function names.
func analyze(wasm []byte) (report, error) {
	var r report
	if len(wasm) < 8 || string(wasm[:4]) != "\x00asm" {
		return r, errors.New("not a wasm binary")
	}
	d := decoder{b: wasm[8:]}
	imported := 0
	var bodies []int
	names := map[int]string{}
	for len(d.b) > 0 {
		id := d.byte()
		size := int(d.uleb())
		if d.err != nil || size > len(d.b) {
			return r, errors.New("truncated section")
		}
		sec := decoder{b: d.b[:size]}
		d.b = d.b[size:]
		name := sectionNames[id]
		switch id {
		case 0:
			name = "custom:" + sec.name()
			if name == "custom:name" {
				readNames(&sec, names)
			}
		case 2:
			imported = countFuncImports(&sec)
		case 10:
			for n := sec.uleb(); n > 0 && sec.err == nil; n-- {
				l := int(sec.uleb())
				bodies = append(bodies, l)
				sec.skip(l)
			}
		}
		if sec.err != nil {
			return r, fmt.Errorf("section %s: %w", name, sec.err)
		}
		r.sections = append(r.sections, sized{name, size})
	}
	for i, l := range bodies {
		n, ok := names[imported+i]
		if !ok {
			n = fmt.Sprintf("func[%d]", imported+i)
		}
		r.funcs = append(r.funcs, sized{n, l})
	}
	return r, nil
}

// countFuncImports counts the function imports of an import section.
func countFuncImports(d *decoder) int {
	funcs := 0
	for n := d.uleb(); n > 0 && d.err == nil; n-- {
		d.name()
		d.name()
		switch d.byte() {
		case 0: // func: type index
			d.uleb()
			funcs++
		case 1: // table: reftype, limits
			d.byte()
			d.limits()
		case 2: // memory: limits
			d.limits()
		case 3: // global: valtype, mutability
			d.byte()
			d.byte()
		default:
			d.err = errors.New("unknown import kind")
		}
	}
	return funcs
}

// readNames reads the function names subsection (id 1) of a name section.
func readNames(d *decoder, names map[int]string) {
	for len(d.b) > 0 && d.err == nil {
		id := d.byte()
		size := int(d.uleb())
		if size > len(d.b) {
			d.err = errors.New("truncated name subsection")
			return
		}
		sub := decoder{b: d.b[:size]}
		d.b = d.b[size:]
		if id != 1 {
			continue
		}
		for n := sub.uleb(); n > 0 && sub.err == nil; n-- {
			idx := int(sub.uleb())
			names[idx] = sub.name()
		}
	}
}

// domain matches the mangled first path element of a module path
// ("github.com", "golang.org"): the wasm name section spells "/" as "_".
var domain = regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)+$`)

// packageOf returns the (mangled) package of a Go symbol name in the wasm
// name section: "encoding_json.__decodeState_.object" → "encoding_json",
// "github.com_tidwall_gjson.parseArray" → "github.com_tidwall_gjson".
func packageOf(sym string) string {
	start := 0
	if us := strings.Index(sym, "_"); us > 0 && domain.MatchString(sym[:us]) {
		start = us
	}
	dot := strings.Index(sym[start:], ".")
	if dot < 0 {
		return sym
	}
	return sym[:start+dot]
}

// top returns the n biggest entries of m, biggest first.
func top(m map[string]int, n int) []sized {
	var s []sized
	for k, v := range m {
		s = append(s, sized{k, v})
	}
	sort.Slice(s, func(i, j int) bool {
		if s[i].size != s[j].size {
			return s[i].size > s[j].size
		}
		return s[i].name < s[j].name
	})
	return s[:min(n, len(s))]
}

// decoder reads wasm binary primitives; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

// byte reads one byte.
func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.err = io.ErrUnexpectedEOF
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// uleb reads an unsigned LEB128 number.
func (d *decoder) uleb() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		c := d.byte()
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			return v
		}
	}
	if d.err == nil {
		d.err = errors.New("LEB128 number too long")
	}
	return 0
}

// skip drops n bytes.
func (d *decoder) skip(n int) {
	if d.err != nil {
		return
	}
	if n > len(d.b) {
		d.err = io.ErrUnexpectedEOF
		return
	}
	d.b = d.b[n:]
}

// name reads a length-prefixed UTF-8 name.
func (d *decoder) name() string {
	n := int(d.uleb())
	if d.err != nil {
		return ""
	}
	if n > len(d.b) {
		d.err = io.ErrUnexpectedEOF
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// limits reads table or memory limits.
func (d *decoder) limits() {
	flags := d.byte()
	d.uleb()
	if flags&1 != 0 {
		d.uleb()
	}
}
