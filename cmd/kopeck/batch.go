package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync"
)

// maxLine is the longest batch line accepted; a longer line is answered
// with body_too_large and skipped, so one runaway record cannot exhaust
// memory.
const maxLine = 16 << 20

// batchJob is one line of a batch and, once done is closed, its answer.
type batchJob struct {
	line   int    // 1-based line number in the input
	doc    []byte // the line (nil when tooBig)
	tooBig bool
	out    []byte
	status int // exitOK, exitErrors or exitInternal
	done   chan struct{}
}

// runBatch reads JSON Lines from in: each non-blank line is a bare document
// (an order) or a full input object {"settings","source","order","refund"};
// see inputOptions for how its settings merge with the flags. It writes one
// compact answer per non-blank line to out, in input order, calling the
// engine from workers goroutines. Blank lines are skipped (they produce no
// answer). The exit status is the worst over the lines: 3 if any call
// failed internally, else 1 if any answer lists errors, else 0; 2 when the
// input cannot be read.
func runBatch(ctx context.Context, eng Engine, export string, opts *inputOptions, in io.Reader, out, stderr io.Writer, workers int) int {
	jobs := make(chan *batchJob, 2*workers)
	queue := make(chan *batchJob, 8*workers)
	var readErr error
	go func() {
		defer close(jobs)
		defer close(queue)
		readErr = readLines(in, func(j *batchJob) bool {
			select {
			case queue <- j:
			case <-ctx.Done():
				return false
			}
			jobs <- j
			return true
		})
	}()
	var logMu sync.Mutex
	for i := 0; i < workers; i++ {
		go func() {
			for j := range jobs {
				processLine(ctx, eng, export, opts, j, func(msg string) {
					logMu.Lock()
					defer logMu.Unlock()
					fmt.Fprintf(stderr, "kopeck %s: line %d: %s\n", export, j.line, msg)
				})
				close(j.done)
			}
		}()
	}
	w := bufio.NewWriterSize(out, 64<<10)
	status := exitOK
	var writeErr error
	for j := range queue {
		<-j.done
		if j.status > status {
			status = j.status
		}
		if writeErr == nil {
			w.Write(j.out)
			writeErr = w.WriteByte('\n')
		}
	}
	if writeErr == nil {
		writeErr = w.Flush()
	}
	switch {
	case readErr != nil:
		fmt.Fprintf(stderr, "kopeck %s: reading the input: %v\n", export, readErr)
		return exitUsage
	case writeErr != nil:
		fmt.Fprintf(stderr, "kopeck %s: writing the answers: %v\n", export, writeErr)
		return exitInternal
	case ctx.Err() != nil:
		return exitInternal
	}
	return status
}

// readLines calls emit for every non-blank line; it stops early when emit
// returns false.
func readLines(in io.Reader, emit func(*batchJob) bool) error {
	r := bufio.NewReaderSize(in, 256<<10)
	n := 0
	for {
		var line []byte
		tooBig := false
		var err error
		for {
			var chunk []byte
			chunk, err = r.ReadSlice('\n')
			if !tooBig {
				if len(line)+len(chunk) > maxLine+1 {
					tooBig, line = true, nil
				} else {
					line = append(line, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return err
		}
		if len(line) > 0 || tooBig {
			n++
			if tooBig || len(bytes.TrimSpace(line)) > 0 {
				j := &batchJob{line: n, doc: line, tooBig: tooBig, done: make(chan struct{})}
				if !emit(j) {
					return nil
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// processLine fills j.out and j.status.
func processLine(ctx context.Context, eng Engine, export string, opts *inputOptions, j *batchJob, logf func(string)) {
	if j.tooBig {
		j.out, j.status = errorAnswer(localeOf(opts.baseRaw), codeBodyTooLarge, envelopes[export].primary, "limit", strconv.Itoa(maxLine)), exitErrors
		return
	}
	a := opts.assemble(export, j.doc)
	out := a.answer
	if out == nil {
		var err error
		out, err = eng.Call(ctx, export, a.input)
		if err != nil {
			logf("internal failure: " + newRedactor(a.settings).String(err.Error()))
			j.out, j.status = errorAnswer(localeOf(a.settings), codeInternal, ""), exitInternal
			return
		}
	}
	if bytes.IndexByte(out, '\n') >= 0 {
		var b bytes.Buffer
		if json.Compact(&b, out) == nil {
			out = b.Bytes()
		}
	}
	j.out = out
	if hasErrors(out) {
		j.status = exitErrors
	}
}
