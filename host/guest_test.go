package host

// A tiny guest module assembled by hand, byte by byte, so the host's failure
// paths (a loop that never ends, a trap, a crash that writes to stderr and
// exits, a guest error) and its WASI configuration (randomness, wall clock)
// can be tested without a toolchain: the real plugin never does any of
// these on purpose. Exports, all func() -> i32 in the Extism raw ABI:
//
//	loop   spins forever
//	trap   executes unreachable
//	crash  writes "boom" to stderr (fd 2) and calls proc_exit(2)
//	fail   sets the Extism error "failure!" and returns 1
//	rand   outputs 16 bytes from WASI random_get
//	clock  outputs the WASI realtime clock (u64 nanoseconds, little endian)
//	echo   outputs nothing, returns 0 (a healthy call)
//	tail   outputs the input's length and its last 8 bytes (u64 each, little
//	       endian; the input must be at least 8 bytes), proving that the
//	       whole input reached the guest

// Import function indices (imports come first in the function index space).
const (
	fnRandomGet    = iota // wasi random_get(buf i32, len i32) -> errno i32
	fnClockGet            // wasi clock_time_get(id i32, precision i64, out i32) -> errno i32
	fnFdWrite             // wasi fd_write(fd i32, iovs i32, n i32, nwritten i32) -> errno i32
	fnProcExit            // wasi proc_exit(code i32)
	fnAlloc               // extism alloc(len i64) -> offset i64
	fnStoreU64            // extism store_u64(offset i64, v i64)
	fnOutputSet           // extism output_set(offset i64, len i64)
	fnErrorSet            // extism error_set(offset i64)
	fnInputLength         // extism input_length() -> i64
	fnInputLoadU64        // extism input_load_u64(offset i64) -> i64
	importedFuncs
)

// Guest memory layout (data segment at 64).
const (
	memFailure = 64 // "failure!" (8 bytes)
	memIovec   = 80 // iovec {buf u32 = 96, len u32 = 4}
	memBoom    = 96 // "boom"
	memScratch = 0  // random bytes and clock value land here
	memWritten = 72 // fd_write's nwritten
	memTail    = 16 // input length, then the input's last 8 bytes
)

// Wasm opcodes and types used below.
const (
	opUnreachable = 0x00
	opLoop        = 0x03
	opEnd         = 0x0b
	opBr          = 0x0c
	opCall        = 0x10
	opDrop        = 0x1a
	opLocalGet    = 0x20
	opLocalSet    = 0x21
	opI64Load     = 0x29
	opI64Store    = 0x37
	opI32Const    = 0x41
	opI64Const    = 0x42
	opI64Add      = 0x7c
	opI64Sub      = 0x7d
	blockVoid     = 0x40
	tI32          = 0x7f
	tI64          = 0x7e
)

// guestWasm returns the test guest module.
func guestWasm() []byte {
	types := [][2][]byte{
		{{tI32, tI32}, {tI32}},             // 0 random_get
		{{tI32, tI64, tI32}, {tI32}},       // 1 clock_time_get
		{{tI32, tI32, tI32, tI32}, {tI32}}, // 2 fd_write
		{{tI32}, nil},                      // 3 proc_exit
		{{tI64}, {tI64}},                   // 4 alloc
		{{tI64, tI64}, nil},                // 5 store_u64, output_set
		{{tI64}, nil},                      // 6 error_set
		{nil, {tI32}},                      // 7 exports
		{nil, {tI64}},                      // 8 input_length
	}
	imports := []struct {
		module, name string
		typ          byte
	}{
		{"wasi_snapshot_preview1", "random_get", 0},
		{"wasi_snapshot_preview1", "clock_time_get", 1},
		{"wasi_snapshot_preview1", "fd_write", 2},
		{"wasi_snapshot_preview1", "proc_exit", 3},
		{"extism:host/env", "alloc", 4},
		{"extism:host/env", "store_u64", 5},
		{"extism:host/env", "output_set", 5},
		{"extism:host/env", "error_set", 6},
		{"extism:host/env", "input_length", 8},
		{"extism:host/env", "input_load_u64", 4},
	}
	// copyOut copies n 8-byte words from guest memory at src into a fresh
	// Extism block and makes it the output; local 0 holds the block offset.
	copyOut := func(src, words int) []byte {
		b := cat(i64c(int64(words*8)), call(fnAlloc), []byte{opLocalSet, 0})
		for w := range words {
			b = cat(b, []byte{opLocalGet, 0}, i64c(int64(w*8)), []byte{opI64Add},
				i32c(int32(src+w*8)), []byte{opI64Load, 3, 0}, call(fnStoreU64))
		}
		return cat(b, []byte{opLocalGet, 0}, i64c(int64(words*8)), call(fnOutputSet))
	}
	funcs := []struct {
		name string
		body []byte
	}{
		{"loop", cat([]byte{opLoop, blockVoid, opBr, 0, opEnd}, i32c(0))},
		{"trap", []byte{opUnreachable}},
		{"crash", cat(i32c(2), i32c(memIovec), i32c(1), i32c(memWritten), call(fnFdWrite), []byte{opDrop},
			i32c(2), call(fnProcExit), i32c(1))},
		{"fail", cat(i64c(8), call(fnAlloc), []byte{opLocalSet, 0},
			[]byte{opLocalGet, 0}, i32c(memFailure), []byte{opI64Load, 3, 0}, call(fnStoreU64),
			[]byte{opLocalGet, 0}, call(fnErrorSet), i32c(1))},
		{"rand", cat(i32c(memScratch), i32c(16), call(fnRandomGet), []byte{opDrop},
			copyOut(memScratch, 2), i32c(0))},
		{"clock", cat(i32c(0), i64c(1), i32c(memScratch), call(fnClockGet), []byte{opDrop},
			copyOut(memScratch, 1), i32c(0))},
		{"echo", i32c(0)},
		{"tail", cat(
			i32c(memTail), call(fnInputLength), []byte{opI64Store, 3, 0},
			i32c(memTail+8), call(fnInputLength), i64c(8), []byte{opI64Sub}, call(fnInputLoadU64), []byte{opI64Store, 3, 0},
			copyOut(memTail, 2), i32c(0))},
	}

	var typeSec, importSec, funcSec, exportSec, codeSec []byte
	typeSec = uleb(uint64(len(types)))
	for _, t := range types {
		typeSec = cat(typeSec, []byte{0x60}, vec(t[0]), vec(t[1]))
	}
	importSec = uleb(uint64(len(imports)))
	for _, im := range imports {
		importSec = cat(importSec, name(im.module), name(im.name), []byte{0x00, im.typ})
	}
	funcSec = uleb(uint64(len(funcs)))
	exportSec = cat(uleb(uint64(len(funcs)+1)), name("memory"), []byte{0x02, 0})
	codeSec = uleb(uint64(len(funcs)))
	for i, f := range funcs {
		funcSec = append(funcSec, 7)
		exportSec = cat(exportSec, name(f.name), []byte{0x00}, uleb(uint64(importedFuncs+i)))
		body := cat([]byte{1, 1, tI64}, f.body, []byte{opEnd}) // one i64 local
		codeSec = cat(codeSec, uleb(uint64(len(body))), body)
	}
	memorySec := []byte{1, 0x00, 1} // one memory, min 1 page, no max
	data := make([]byte, 36)
	copy(data[memFailure-64:], "failure!")
	copy(data[memIovec-64:], []byte{memBoom, 0, 0, 0, 4, 0, 0, 0})
	copy(data[memBoom-64:], "boom")
	dataSec := cat([]byte{1, 0x00}, i32c(64), []byte{opEnd}, uleb(uint64(len(data))), data)

	return cat([]byte("\x00asm\x01\x00\x00\x00"),
		section(1, typeSec), section(2, importSec), section(3, funcSec), section(5, memorySec),
		section(7, exportSec), section(10, codeSec), section(11, dataSec))
}

// section encodes a section with its id and size.
func section(id byte, content []byte) []byte {
	return cat([]byte{id}, uleb(uint64(len(content))), content)
}

// vec encodes a vector of bytes (value types).
func vec(b []byte) []byte { return cat(uleb(uint64(len(b))), b) }

// name encodes a UTF-8 name.
func name(s string) []byte { return vec([]byte(s)) }

// call encodes a call instruction.
func call(fn int) []byte { return cat([]byte{opCall}, uleb(uint64(fn))) }

// i32c encodes i32.const v.
func i32c(v int32) []byte { return cat([]byte{opI32Const}, sleb(int64(v))) }

// i64c encodes i64.const v.
func i64c(v int64) []byte { return cat([]byte{opI64Const}, sleb(v)) }

// uleb encodes an unsigned LEB128 number.
func uleb(v uint64) []byte {
	var b []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			c |= 0x80
		}
		b = append(b, c)
		if v == 0 {
			return b
		}
	}
}

// sleb encodes a signed LEB128 number.
func sleb(v int64) []byte {
	var b []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		done := (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0)
		if !done {
			c |= 0x80
		}
		b = append(b, c)
		if done {
			return b
		}
	}
}

// cat concatenates byte slices.
func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}
