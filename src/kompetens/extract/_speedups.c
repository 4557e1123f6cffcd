/* Twelve hot loops of extraction in C, each with its Python twin as reference and fallback (the tests compare
 * them on random input). Built with the package where a C compiler is present.
 *
 * The word-trie walk of kompetens.extract.wordtrie (WordTrie.scan_python):
 * scan(pieces, vocab, lemmas, root, keys, kids, values, depth, floor) -> (hits, cues, lemma_hits)
 *   pieces: list of str (a match line split at single spaces); vocab: dict str -> word id;
 *   lemmas: dict word -> lemma, or None; root: the root's child per word id (uint32, 0 for none);
 *   keys/kids/values: the trie's flat arrays (uint64, uint32, int32); depth: the most words in a key;
 *   floor: values from here on are cues. Hits are (start, end, code) tuples ordered by end, then start.
 *
 * Overlap resolution of kompetens.extract.pipeline (_resolve_overlaps_python): resolve(candidates).
 *
 * The span tagger's tokens, features and Viterbi decoding (SpanTagger.find_python): tag_spans(...), below.
 *
 * The linker's sparse lexical scores (kompetens.link.sparse.pool_queries_python): pool_queries(...), below.
 *
 * A new word's table of the span tagger (Featurizer.word_table_python): word_row(...), which builds the word's
 * features itself, and word_table(...), which hashes the Python feature strings (the tests compare the two).
 *
 * The lexicon's words file (kompetens.extract.lemma.word_rows_python): word_rows(buffer, keys), and its rows
 * written into the lexicon's memos (word_memos_python): word_memos(buffer, keys, col, lemmas, zipf_sv, zipf_en[,
 * dictionary, fold, lang, most]), the keys it lacks noted in the lexicon's other memos (forget_absent_python);
 * the lemma of a word those notes answer (plain_lemma_python): plain_lemma(word, dictionary, fold, zipf_en, lang,
 * endings, rules, restore_from, restore_en_zipf).
 *
 * A text's Latin-1 test (kompetens.extract.text._latin1_python): latin1(text); the layout's sentence ends and
 * link-line candidates (kompetens.layout._sentence_cuts_python, _link_lines_python): sentence_cuts(text, heads,
 * tails), link_lines(text, heads, tails), and where the about-company pattern may match (kompetens.layout.
 * _literal_starts_python): literal_starts(text, literals), below.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../_cshared.h" /* the query items of pool_queries, shared with link/_quick.c */
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h> /* fuzzy_reach's bound: 16 buckets at a time */
#endif

#define EMPTY UINT64_MAX
#define MULT 0x9E3779B97F4A7C15ULL

typedef struct {
    Py_ssize_t i, j; /* first and last piece */
    long value;
} Found;

typedef struct {
    Found *items;
    Py_ssize_t len, cap;
} FoundList;

typedef struct {
    const uint32_t *root;
    Py_ssize_t n_words;
    const uint64_t *keys;
    const uint32_t *kids;
    const int32_t *values;
    uint64_t mask;
    int shift;
    Py_ssize_t n_nodes;
} Trie;

static inline uint32_t child(const Trie *t, uint64_t step) {
    uint64_t at = (step * MULT) >> t->shift;
    for (;;) {
        uint64_t k = t->keys[at];
        if (k == step) return t->kids[at];
        if (k == EMPTY) return 0;
        at = (at + 1) & t->mask;
    }
}

static int push(FoundList *list, Py_ssize_t i, Py_ssize_t j, long value) {
    if (list->len == list->cap) {
        Py_ssize_t cap = list->cap ? 2 * list->cap : 64;
        Found *items = PyMem_Realloc(list->items, (size_t)cap * sizeof(Found));
        if (items == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        list->items = items;
        list->cap = cap;
    }
    list->items[list->len].i = i;
    list->items[list->len].j = j;
    list->items[list->len].value = value;
    list->len++;
    return 0;
}

static int by_end(const void *a, const void *b) {
    const Found *x = a, *y = b;
    if (x->j != y->j) return x->j < y->j ? -1 : 1;
    if (x->i != y->i) return x->i < y->i ? -1 : 1;
    return 0;
}

/* The list of (start, end, value) tuples, sorted by end then start. */
static PyObject *to_list(FoundList *list, const Py_ssize_t *starts, const Py_ssize_t *lens) {
    qsort(list->items, (size_t)list->len, sizeof(Found), by_end);
    PyObject *out = PyList_New(list->len);
    if (out == NULL) return NULL;
    for (Py_ssize_t k = 0; k < list->len; k++) {
        const Found *f = &list->items[k];
        PyObject *hit = Py_BuildValue("(nnl)", starts[f->i], starts[f->j] + lens[f->j], f->value);
        if (hit == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, k, hit);
    }
    return out;
}

/* Word id of a str in vocab, -1 when it is no key word, -2 on error. */
static long word_id(PyObject *vocab, PyObject *word) {
    PyObject *found = PyDict_GetItemWithError(vocab, word);
    if (found == NULL) return PyErr_Occurred() ? -2 : -1;
    long wid = PyLong_AsLong(found);
    if (wid == -1 && PyErr_Occurred()) return -2;
    return wid;
}

/* Walk from each piece i along ids. With next_changed != NULL (the first changed piece at or after each
 * piece), only from pieces a key can reach a changed piece from, keeping only runs that hold one. */
static int walk(const Trie *t, const long *ids, const Py_ssize_t *next_changed, Py_ssize_t n, Py_ssize_t depth,
                long floor, FoundList *hits, FoundList *cues) {
    for (Py_ssize_t i = 0; i < n; i++) {
        if (ids[i] < 0 || ids[i] >= t->n_words) continue;
        if (next_changed != NULL && next_changed[i] - i >= depth) {
            if (next_changed[i] == n) break;
            continue;
        }
        uint32_t node = t->root[ids[i]];
        Py_ssize_t holds_from = next_changed != NULL ? next_changed[i] : 0; /* a run to j holds one if j >= */
        Py_ssize_t j = i;
        while (node) {
            if ((Py_ssize_t)node >= t->n_nodes) {
                PyErr_SetString(PyExc_ValueError, "corrupt word trie: node out of range");
                return -1;
            }
            long value = t->values[node];
            if (value >= 0) {
                if (next_changed == NULL) {
                    if (push(value < floor ? hits : cues, i, j, value) < 0) return -1;
                } else if (j >= holds_from && value < floor) {
                    if (push(hits, i, j, value | 1) < 0) return -1;
                }
            }
            if (++j == n || ids[j] < 0) break;
            node = child(t, ((uint64_t)node << 32) | (uint64_t)ids[j]);
        }
    }
    return 0;
}

static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *pieces, *vocab, *lemmas, *result = NULL;
    Py_buffer root = {0}, keys = {0}, kids = {0}, values = {0};
    Py_ssize_t depth;
    long floor;
    if (!PyArg_ParseTuple(args, "O!O!Oy*y*y*y*nl", &PyList_Type, &pieces, &PyDict_Type, &vocab, &lemmas, &root,
                          &keys, &kids, &values, &depth, &floor))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(pieces);
    Py_ssize_t size = keys.len / (Py_ssize_t)sizeof(uint64_t);
    long *ids = NULL, *lemma_ids = NULL;
    Py_ssize_t *starts = NULL, *lens = NULL, *next_changed = NULL;
    char *changed = NULL;
    FoundList hits = {0}, cues = {0}, found = {0};
    PyObject *hit_list = NULL, *cue_list = NULL, *found_list = NULL;
    Trie t;
    int bits = 0, use_lemmas;
    Py_ssize_t at = -1, last_changed = -1;

    if (lemmas != Py_None && !PyDict_Check(lemmas)) {
        PyErr_SetString(PyExc_TypeError, "lemmas must be a dict or None");
        goto done;
    }
    if (size < 2 || (size & (size - 1)) || kids.len != size * (Py_ssize_t)sizeof(uint32_t) ||
        values.len % (Py_ssize_t)sizeof(int32_t) || root.len % (Py_ssize_t)sizeof(uint32_t)) {
        PyErr_SetString(PyExc_ValueError, "the trie's arrays do not fit together");
        goto done;
    }
    while (((Py_ssize_t)1 << bits) < size) bits++;
    t.root = root.buf;
    t.n_words = root.len / (Py_ssize_t)sizeof(uint32_t);
    t.keys = keys.buf;
    t.kids = kids.buf;
    t.values = values.buf;
    t.mask = (uint64_t)size - 1;
    t.shift = 64 - bits;
    t.n_nodes = values.len / (Py_ssize_t)sizeof(int32_t);

    ids = PyMem_Malloc((size_t)(n + 1) * sizeof(long));
    lemma_ids = PyMem_Malloc((size_t)(n + 1) * sizeof(long));
    starts = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    lens = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    next_changed = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    changed = PyMem_Calloc((size_t)(n + 1), 1);
    if (!ids || !lemma_ids || !starts || !lens || !next_changed || !changed) {
        PyErr_NoMemory();
        goto done;
    }
    use_lemmas = lemmas != Py_None && PyDict_GET_SIZE(lemmas) > 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *piece = PyList_GET_ITEM(pieces, k);
        if (!PyUnicode_Check(piece)) {
            PyErr_SetString(PyExc_TypeError, "pieces must be str");
            goto done;
        }
        starts[k] = at;
        lens[k] = PyUnicode_GET_LENGTH(piece);
        at += lens[k] + 1;
        if ((ids[k] = word_id(vocab, piece)) == -2) goto done;
        lemma_ids[k] = ids[k];
        if (use_lemmas) {
            PyObject *base = PyDict_GetItemWithError(lemmas, piece);
            if (base == NULL) {
                if (PyErr_Occurred()) goto done;
                continue;
            }
            changed[k] = 1;
            last_changed = k;
            if ((lemma_ids[k] = word_id(vocab, base)) == -2) goto done;
        }
    }
    if (walk(&t, ids, NULL, n, depth, floor, &hits, &cues) < 0) goto done;
    if (last_changed >= 0) {
        Py_ssize_t next = n;
        for (Py_ssize_t k = n - 1; k >= 0; k--) {
            if (changed[k]) next = k;
            next_changed[k] = next;
        }
        if (walk(&t, lemma_ids, next_changed, n, depth, floor, &found, NULL) < 0) goto done;
    }
    if (!(hit_list = to_list(&hits, starts, lens))) goto done;
    if (!(cue_list = to_list(&cues, starts, lens))) goto done;
    if (!(found_list = to_list(&found, starts, lens))) goto done;
    result = PyTuple_Pack(3, hit_list, cue_list, found_list);

done:
    Py_XDECREF(hit_list);
    Py_XDECREF(cue_list);
    Py_XDECREF(found_list);
    PyMem_Free(hits.items);
    PyMem_Free(cues.items);
    PyMem_Free(found.items);
    PyMem_Free(ids);
    PyMem_Free(lemma_ids);
    PyMem_Free(starts);
    PyMem_Free(lens);
    PyMem_Free(changed);
    PyMem_Free(next_changed);
    PyBuffer_Release(&root);
    PyBuffer_Release(&keys);
    PyBuffer_Release(&kids);
    PyBuffer_Release(&values);
    return result;
}

/* Overlap resolution of kompetens.extract.pipeline (_resolve_overlaps_python, which documents it):
 * resolve(candidates) -> the kept candidates in text order. A candidate is a tuple whose items 0-4 are
 * (start - end, -confidence, start, sequence, end) with distinct sequence numbers, so those four items order
 * candidates as the tuples do. */
typedef struct {
    long length, start, seq, end; /* length is start - end, as in the tuple */
    double conf;                  /* -confidence */
    Py_ssize_t at;                /* index in the input list */
} Cand;

static int by_start(const void *a, const void *b) { /* stable: ties keep the input order */
    const Cand *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->at < y->at ? -1 : (x->at > y->at);
}

static int by_tuple(const void *a, const void *b) {
    const Cand *x = a, *y = b;
    if (x->length != y->length) return x->length < y->length ? -1 : 1;
    if (x->conf != y->conf) return x->conf < y->conf ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

static int read_cand(PyObject *item, Py_ssize_t at, Cand *c) {
    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) < 5) {
        PyErr_SetString(PyExc_TypeError, "a candidate is a tuple of at least 5 items");
        return -1;
    }
    c->length = PyLong_AsLong(PyTuple_GET_ITEM(item, 0));
    c->conf = PyFloat_AsDouble(PyTuple_GET_ITEM(item, 1));
    c->start = PyLong_AsLong(PyTuple_GET_ITEM(item, 2));
    c->seq = PyLong_AsLong(PyTuple_GET_ITEM(item, 3));
    c->end = PyLong_AsLong(PyTuple_GET_ITEM(item, 4));
    c->at = at;
    return PyErr_Occurred() ? -1 : 0;
}

/* The greedy choice within one cluster of overlapping candidates: kept ones go to out[*n_out...]. */
static int greedy(Cand *cluster, Py_ssize_t n, Cand *out, Py_ssize_t *n_out) {
    long lo = cluster[0].start, hi = cluster[0].end;
    for (Py_ssize_t k = 1; k < n; k++) {
        if (cluster[k].start < lo) lo = cluster[k].start;
        if (cluster[k].end > hi) hi = cluster[k].end;
    }
    qsort(cluster, (size_t)n, sizeof(Cand), by_tuple);
    char *taken = PyMem_Calloc((size_t)(hi - lo) + 1, 1);
    if (taken == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t first = *n_out;
    for (Py_ssize_t k = 0; k < n; k++) {
        long a = cluster[k].start - lo, b = cluster[k].end - lo, x;
        for (x = a; x < b && !taken[x]; x++)
            ;
        if (x < b) continue;
        memset(taken + a, 1, (size_t)(b - a));
        out[(*n_out)++] = cluster[k];
    }
    PyMem_Free(taken);
    /* in text order, ties (empty spans) in the order chosen: a stable insertion sort, as few are kept */
    for (Py_ssize_t k = first + 1; k < *n_out; k++) {
        Cand c = out[k];
        Py_ssize_t m = k;
        for (; m > first && out[m - 1].start > c.start; m--) out[m] = out[m - 1];
        out[m] = c;
    }
    return 0;
}

static PyObject *resolve(PyObject *self, PyObject *arg) {
    if (!PyList_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "candidates must be a list");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(arg), n_out = 0;
    if (n == 0) return PyList_New(0);
    Cand *cands = PyMem_Malloc((size_t)n * sizeof(Cand)), *kept = PyMem_Malloc((size_t)n * sizeof(Cand));
    PyObject *out = NULL;
    if (cands == NULL || kept == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n; k++)
        if (read_cand(PyList_GET_ITEM(arg, k), k, &cands[k]) < 0) goto done;
    for (Py_ssize_t k = 0; k < n; k++)
        if (cands[k].end < cands[k].start) {
            PyErr_SetString(PyExc_ValueError, "a candidate ends before it starts");
            goto done;
        }
    qsort(cands, (size_t)n, sizeof(Cand), by_start);
    Py_ssize_t first = 0;
    long reach = cands[0].end;
    for (Py_ssize_t k = 1; k <= n; k++) {
        if (k < n && cands[k].start < reach) { /* overlaps the cluster */
            if (cands[k].end > reach) reach = cands[k].end;
            continue;
        }
        if (k - first == 1)
            kept[n_out++] = cands[first];
        else if (greedy(cands + first, k - first, kept, &n_out) < 0)
            goto done;
        if (k < n) {
            first = k;
            reach = cands[k].end;
        }
    }
    out = PyList_New(n_out);
    if (out == NULL) goto done;
    for (Py_ssize_t k = 0; k < n_out; k++) {
        PyObject *item = PyList_GET_ITEM(arg, kept[k].at);
        Py_INCREF(item);
        PyList_SET_ITEM(out, k, item);
    }
done:
    PyMem_Free(cands);
    PyMem_Free(kept);
    return out;
}

/* ---- The span tagger's decoding (kompetens.extract.spans.SpanTagger.find_python) -------------------------
 * tag_spans(text, lower, store, weights, trans, fixed, max_tokens) -> list of (start, end) character spans
 *   text: the text; lower: text.lower(), of the same length (the caller checks);
 *   store: the per-language word cache, with rows (dict str -> row), add_many(words) -> their rows (a list
 *     of the text's words not yet in it, each once, in the order first met: one call a text; may replace the
 *     arrays), hcache (int64, 2 x a power of two: a direct-mapped cache of word hash -> row + 1
 *     that spares most words their str and dict look-up; the store owns it, and new rows never change old ones), tables (float32, rows x 5 x 3: the word's emission parts seen from each
 *     neighbour position), classes (int8 per row: 0, or 1 + the index of the sentence class in
 *     cue, do, req, we, you) and pad (float32 5 x 3: the parts of a position outside the sentence);
 *   weights: float32 2**bits x 3; trans: float32 4 x 3; fixed: int64 ids of bias, sk=cue/do/req/we/you,
 *     cue<1, cue<2, cue<3, cue<4, cue<8, cue<far, first, last; the mask of a hashed id is len(weights) - 1.
 * Tokens are TOKEN's (\w+(?:[.\-/'’+#&]\w+)*[+#]*|[^\w\s]); sentences end at a line break, at . ! ? before a
 * token that starts with a capital, or after max_tokens tokens. Bigram features are crc32 (zlib's) of
 * "b-=<prev>|<word>" and "b+=<word>|<next>" in lowercase UTF-8, <s> and </s> at the edges. */

static uint32_t crc_table[256];
static int crc_ready = 0;

static void crc_init(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
    crc_ready = 1;
}

static inline uint32_t crc_bytes(uint32_t crc, const char *s, size_t n) {
    for (size_t k = 0; k < n; k++) crc = crc_table[(crc ^ (unsigned char)s[k]) & 0xFF] ^ (crc >> 8);
    return crc;
}

/* crc over the UTF-8 bytes of one code point */
static inline uint32_t crc_cp(uint32_t crc, Py_UCS4 c) {
    char b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (char)c; n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6)); b[1] = (char)(0x80 | (c & 0x3F)); n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12)); b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F)); n = 3;
    } else {
        b[0] = (char)(0xF0 | (c >> 18)); b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F)); b[3] = (char)(0x80 | (c & 0x3F)); n = 4;
    }
    return crc_bytes(crc, b, n);
}

/* crc over the UTF-8 bytes of code points [start, end) of a str's data. A Latin-1 str (most ads) reads its
 * bytes directly: a code point under 0x80 is its own byte, the others two (what crc_cp writes for them). */
static inline uint32_t crc_str(uint32_t crc, int kind, const void *data, Py_ssize_t start, Py_ssize_t end) {
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = (const Py_UCS1 *)data;
        for (Py_ssize_t k = start; k < end; k++) {
            uint32_t c = p[k];
            if (c < 0x80) {
                crc = crc_table[(crc ^ c) & 0xFF] ^ (crc >> 8);
            } else {
                crc = crc_table[(crc ^ (0xC0U | (c >> 6))) & 0xFF] ^ (crc >> 8);
                crc = crc_table[(crc ^ (0x80U | (c & 0x3FU))) & 0xFF] ^ (crc >> 8);
            }
        }
        return crc;
    }
    for (Py_ssize_t k = start; k < end; k++) crc = crc_cp(crc, PyUnicode_READ(kind, data, k));
    return crc;
}

static inline int is_word(Py_UCS4 c) { return c == '_' || Py_UNICODE_ISALNUM(c); }

/* is_word of each Latin-1 code point, read from a table (most of an ad's letters are Latin-1) */
static unsigned char latin1_word[256];
static int latin1_word_ready = 0;

static void latin1_word_init(void) {
    for (Py_UCS4 c = 0; c < 256; c++) latin1_word[c] = (unsigned char)is_word(c);
    latin1_word_ready = 1;
}

static inline int word_at(int kind, const void *data, Py_ssize_t i) {
    if (kind == PyUnicode_1BYTE_KIND) return latin1_word[((const Py_UCS1 *)data)[i]];
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    return c < 256 ? latin1_word[c] : is_word(c);
}

static inline int is_joiner(Py_UCS4 c) {
    return c == '.' || c == '-' || c == '/' || c == '\'' || c == 0x2019 || c == '+' || c == '#' || c == '&';
}

typedef struct {
    Py_ssize_t start, end, row;
    int cls;
} Tok;

/* the end of the token that starts at i (a word character or another non-space), as TOKEN matches it */
static Py_ssize_t token_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i) {
    if (!word_at(kind, data, i)) return i + 1;
    Py_ssize_t j = i + 1;
    while (j < n && word_at(kind, data, j)) j++;
    while (j + 1 < n && is_joiner(PyUnicode_READ(kind, data, j)) && word_at(kind, data, j + 1)) {
        j += 2;
        while (j < n && word_at(kind, data, j)) j++;
    }
    while (j < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (c != '+' && c != '#') break;
        j++;
    }
    return j;
}

static int get_buffer(PyObject *owner, const char *name, Py_buffer *view, Py_ssize_t itemsize, int writable) {
    PyObject *obj = name ? PyObject_GetAttrString(owner, name) : (Py_INCREF(owner), owner);
    if (obj == NULL) return -1;
    int rc = PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0));
    Py_DECREF(obj);
    if (rc < 0) return -1;
    if (view->itemsize != itemsize) {
        PyErr_Format(PyExc_TypeError, "span tagger: %s has items of %zd bytes, not %zd", name ? name : "array",
                     view->itemsize, itemsize);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* the Viterbi path of one sentence (em: n x 3, doubles) into labels; the same comparisons as _viterbi */
static void viterbi3(const double *em, Py_ssize_t n, const double *t, unsigned char *back, int *labels) {
    double too = t[0], tob = t[1], tbo = t[3], tbb = t[4], tbi = t[5], tio = t[6], tib = t[7], tii = t[8];
    double tso = t[9], tsb = t[10];
    double so = em[0] + tso, sb = em[1] + tsb, si = -1e30;
    for (Py_ssize_t k = 1; k < n; k++) {
        double eo = em[3 * k], eb = em[3 * k + 1], ei = em[3 * k + 2];
        double x = so + too, y = sb + tbo, z = si + tio, no, nb, ni;
        int po, pb, pi;
        if (x >= y && x >= z) { no = x; po = 0; } else if (y >= z) { no = y; po = 1; } else { no = z; po = 2; }
        x = so + tob; y = sb + tbb; z = si + tib;
        if (x >= y && x >= z) { nb = x; pb = 0; } else if (y >= z) { nb = y; pb = 1; } else { nb = z; pb = 2; }
        y = sb + tbi; z = si + tii;
        if (y >= z) { ni = y; pi = 1; } else { ni = z; pi = 2; }
        so = no + eo; sb = nb + eb; si = ni + ei;
        back[3 * k] = (unsigned char)po; back[3 * k + 1] = (unsigned char)pb; back[3 * k + 2] = (unsigned char)pi;
    }
    int label = so >= sb && so >= si ? 0 : sb >= si ? 1 : 2;
    labels[n - 1] = label;
    for (Py_ssize_t k = n - 1; k > 0; k--) {
        label = back[3 * k + label];
        labels[k - 1] = label;
    }
}

static PyObject *tag_spans(PyObject *self, PyObject *args) {
    PyObject *text, *lower, *store, *weights_obj, *trans_obj, *fixed_obj;
    Py_ssize_t max_tokens;
    if (!PyArg_ParseTuple(args, "UUOOOOn", &text, &lower, &store, &weights_obj, &trans_obj, &fixed_obj,
                          &max_tokens))
        return NULL;
    if (max_tokens < 1) {
        PyErr_SetString(PyExc_ValueError, "span tagger: max_tokens must be at least 1");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_GET_LENGTH(lower) != n) {
        PyErr_SetString(PyExc_ValueError, "span tagger: the lowercased text has another length");
        return NULL;
    }
    if (!crc_ready) crc_init();
    if (!latin1_word_ready) latin1_word_init();
    int kind = PyUnicode_KIND(text), lkind = PyUnicode_KIND(lower);
    const void *data = PyUnicode_DATA(text), *ldata = PyUnicode_DATA(lower);
    PyObject *out = NULL, *rows = NULL, *add_many = NULL, *pending = NULL, *pending_at = NULL;
    Py_ssize_t *new_rows = NULL;
    Tok *toks = NULL;
    Py_ssize_t *seg_end = NULL; /* the index after each sentence's last token */
    double *em = NULL;
    uint64_t *bigram = NULL; /* each token's two bigram feature ids */
    unsigned char *back = NULL;
    int *labels = NULL;
    Py_buffer tables = {0}, classes = {0}, pad = {0}, weights = {0}, trans = {0}, fixed = {0}, hbuf = {0};
    int64_t *hcache = NULL, dummy[2] = {0, 0};
    Py_ssize_t n_hcache = 0;
    uint64_t hmask = 0;
    Py_ssize_t n_tok = 0, n_seg = 0, longest = 0;

    /* 1. tokens and sentences; each token's row in the word cache (adding the words not in it) */
    toks = PyMem_Malloc(sizeof(Tok) * (size_t)(n + 1));
    seg_end = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n + 1));
    rows = PyObject_GetAttrString(store, "rows");
    add_many = PyObject_GetAttrString(store, "add_many");
    if (toks == NULL || seg_end == NULL) { PyErr_NoMemory(); goto done; }
    if (rows == NULL || add_many == NULL) goto done;
    if (!PyDict_Check(rows)) { PyErr_SetString(PyExc_TypeError, "span tagger: store.rows is not a dict"); goto done; }
    if (get_buffer(store, "hcache", &hbuf, 8, 1) < 0) goto done;
    {
        Py_ssize_t slots = hbuf.len / 16;
        if (slots >= 1 && (slots & (slots - 1)) == 0) {
            hcache = hbuf.buf;
            n_hcache = slots;
            hmask = (uint64_t)slots - 1;
        }
    }
    {
        Py_ssize_t i = 0, seg_start = 0;
        while (i < n) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c == '\n') {
                if (n_tok > seg_start) { seg_end[n_seg++] = n_tok; seg_start = n_tok; }
                i++;
                continue;
            }
            if (Py_UNICODE_ISSPACE(c)) { i++; continue; }
            Py_ssize_t j = token_end(kind, data, n, i);
            /* the word's row: from the store's hash cache (64-bit FNV-1a of its code points, direct-mapped),
             * else from its dict (adding the word if new), then cached */
            uint64_t h = 0xCBF29CE484222325ULL;
            for (Py_ssize_t q = i; q < j; q++) h = (h ^ (uint64_t)PyUnicode_READ(kind, data, q)) * 0x100000001B3ULL;
            h ^= (uint64_t)(j - i) << 56;
            int64_t *slot = n_hcache ? hcache + 2 * (Py_ssize_t)(h & hmask) : dummy;
            Py_ssize_t r;
            if (n_hcache && slot[0] == (int64_t)h && slot[1] > 0) {
                r = (Py_ssize_t)slot[1] - 1;
            } else {
                PyObject *word = PyUnicode_Substring(text, i, j);
                if (word == NULL) goto done;
                PyObject *row = PyDict_GetItemWithError(rows, word); /* borrowed */
                if (row != NULL) {
                    r = PyLong_AsSsize_t(row);
                    Py_DECREF(word);
                    if (r < 0) {
                        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "span tagger: a negative row");
                        goto done;
                    }
                    if (n_hcache) { slot[0] = (int64_t)h; slot[1] = (int64_t)r + 1; }
                } else if (PyErr_Occurred()) {
                    Py_DECREF(word);
                    goto done;
                } else { /* a new word: added with the text's other new words after the walk (r = -1 - its index) */
                    if (pending == NULL && ((pending = PyList_New(0)) == NULL || (pending_at = PyDict_New()) == NULL)) {
                        Py_DECREF(word);
                        goto done;
                    }
                    PyObject *at = PyDict_GetItemWithError(pending_at, word);
                    Py_ssize_t k;
                    if (at != NULL) {
                        k = PyLong_AsSsize_t(at);
                    } else {
                        k = PyList_GET_SIZE(pending);
                        PyObject *kobj = PyErr_Occurred() ? NULL : PyLong_FromSsize_t(k);
                        int bad = kobj == NULL || PyDict_SetItem(pending_at, word, kobj) < 0 ||
                                  PyList_Append(pending, word) < 0;
                        Py_XDECREF(kobj);
                        if (bad) { Py_DECREF(word); goto done; }
                    }
                    Py_DECREF(word);
                    r = -1 - k;
                }
            }
            toks[n_tok].start = i; toks[n_tok].end = j; toks[n_tok].row = r; toks[n_tok].cls = 0;
            n_tok++;
            /* . ! ? before a capital (the next token on this line), or the longest sentence, ends one */
            int ends = n_tok - seg_start >= max_tokens;
            if (!ends && j == i + 1 && (c == '.' || c == '!' || c == '?')) {
                Py_ssize_t k = j;
                while (k < n) {
                    Py_UCS4 d = PyUnicode_READ(kind, data, k);
                    if (d == '\n' || !Py_UNICODE_ISSPACE(d)) break;
                    k++;
                }
                ends = k < n && Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, k));
            }
            if (ends) { seg_end[n_seg++] = n_tok; seg_start = n_tok; }
            i = j;
        }
        if (n_tok > seg_start) seg_end[n_seg++] = n_tok;
    }
    if (pending != NULL) { /* the new words' rows, added at once (store.add_many), in the order first met */
        PyObject *added = PyObject_CallOneArg(add_many, pending);
        if (added == NULL) goto done;
        Py_ssize_t n_new = PyList_GET_SIZE(pending);
        if (!PyList_Check(added) || PyList_GET_SIZE(added) != n_new) {
            Py_DECREF(added);
            PyErr_SetString(PyExc_ValueError, "span tagger: store.add_many gave no list of one row per word");
            goto done;
        }
        new_rows = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)n_new);
        if (new_rows == NULL) { Py_DECREF(added); PyErr_NoMemory(); goto done; }
        for (Py_ssize_t k = 0; k < n_new; k++) {
            new_rows[k] = PyLong_AsSsize_t(PyList_GET_ITEM(added, k));
            if (new_rows[k] < 0) {
                Py_DECREF(added);
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "span tagger: a negative row");
                goto done;
            }
        }
        Py_DECREF(added);
        for (Py_ssize_t k = 0; k < n_tok; k++) {
            if (toks[k].row >= 0) continue;
            Py_ssize_t r = new_rows[-1 - toks[k].row];
            toks[k].row = r;
            if (n_hcache) { /* cached as a word met before is */
                uint64_t h = 0xCBF29CE484222325ULL;
                for (Py_ssize_t q = toks[k].start; q < toks[k].end; q++)
                    h = (h ^ (uint64_t)PyUnicode_READ(kind, data, q)) * 0x100000001B3ULL;
                h ^= (uint64_t)(toks[k].end - toks[k].start) << 56;
                int64_t *slot = hcache + 2 * (Py_ssize_t)(h & hmask);
                slot[0] = (int64_t)h;
                slot[1] = (int64_t)r + 1;
            }
        }
    }
    out = PyList_New(0);
    if (out == NULL || n_tok == 0) goto done;

    /* 2. the arrays (after the additions, which may have replaced them) */
    if (get_buffer(store, "tables", &tables, 4, 0) < 0 || get_buffer(store, "classes", &classes, 1, 0) < 0 ||
        get_buffer(store, "pad", &pad, 4, 0) < 0 || get_buffer(weights_obj, NULL, &weights, 4, 0) < 0 ||
        get_buffer(trans_obj, NULL, &trans, 4, 0) < 0 || get_buffer(fixed_obj, NULL, &fixed, 8, 0) < 0)
        goto error;
    Py_ssize_t n_rows = tables.len / (15 * 4), n_weights = weights.len / (3 * 4);
    if (pad.len != 15 * 4 || trans.len != 12 * 4 || fixed.len != 14 * 8 || n_weights < 1 ||
        (n_weights & (n_weights - 1)) != 0 || classes.len < n_rows) {
        PyErr_SetString(PyExc_ValueError, "span tagger: arrays of the wrong size");
        goto error;
    }
    const float *T = tables.buf, *P = pad.buf, *W = weights.buf, *tr32 = trans.buf;
    const int8_t *C = classes.buf;
    const int64_t *F = fixed.buf;
    uint64_t mask = (uint64_t)n_weights - 1;
    for (Py_ssize_t k = 0; k < 14; k++)
        if (F[k] < 0 || (uint64_t)F[k] > mask) {
            PyErr_SetString(PyExc_ValueError, "span tagger: a fixed feature id out of range");
            goto error;
        }
    for (Py_ssize_t k = 0; k < n_tok; k++) {
        if (toks[k].row >= n_rows) {
            PyErr_SetString(PyExc_ValueError, "span tagger: a word's row is outside store.tables");
            goto error;
        }
        toks[k].cls = C[toks[k].row];
    }
    double t[12];
    for (int k = 0; k < 12; k++) t[k] = tr32[k];
    for (Py_ssize_t s = 0, a = 0; s < n_seg; a = seg_end[s++])
        if (seg_end[s] - a > longest) longest = seg_end[s] - a;
    em = PyMem_Malloc(sizeof(double) * 3 * (size_t)longest);
    bigram = PyMem_Malloc(sizeof(uint64_t) * 2 * (size_t)longest);
    back = PyMem_Malloc(3 * (size_t)longest);
    labels = PyMem_Malloc(sizeof(int) * (size_t)longest);
    if (em == NULL || back == NULL || labels == NULL || bigram == NULL) { PyErr_NoMemory(); goto error; }
    uint32_t pre_minus = crc_bytes(0xFFFFFFFFU, "b-=", 3), pre_plus = crc_bytes(0xFFFFFFFFU, "b+=", 3);

    /* 3. per sentence: emissions, the best labels, their spans */
    for (Py_ssize_t s = 0, a = 0; s < n_seg; a = seg_end[s++]) {
        Py_ssize_t m = seg_end[s] - a;
        const Tok *tk = toks + a;
        int held[6] = {0, 0, 0, 0, 0, 0};
        for (Py_ssize_t k = 0; k < m; k++)
            if (tk[k].cls > 0 && tk[k].cls <= 5) held[tk[k].cls] = 1;
        /* the bigrams' ids first, their weight rows fetched ahead of the sums below (random rows: cache misses) */
        for (Py_ssize_t k = 0; k < m; k++) {
            uint32_t h = pre_minus;
            if (k == 0) h = crc_bytes(h, "<s>", 3);
            else h = crc_str(h, lkind, ldata, tk[k - 1].start, tk[k - 1].end);
            h = crc_bytes(h, "|", 1);
            h = crc_str(h, lkind, ldata, tk[k].start, tk[k].end);
            bigram[2 * k] = (uint64_t)(h ^ 0xFFFFFFFFU) & mask;
            h = crc_str(pre_plus, lkind, ldata, tk[k].start, tk[k].end);
            h = crc_bytes(h, "|", 1);
            if (k == m - 1) h = crc_bytes(h, "</s>", 4);
            else h = crc_str(h, lkind, ldata, tk[k + 1].start, tk[k + 1].end);
            bigram[2 * k + 1] = (uint64_t)(h ^ 0xFFFFFFFFU) & mask;
            __builtin_prefetch(W + 3 * bigram[2 * k]);
            __builtin_prefetch(W + 3 * bigram[2 * k + 1]);
            __builtin_prefetch(T + tk[k].row * 15);
            __builtin_prefetch(T + tk[k].row * 15 + 14);
        }
        Py_ssize_t last_cue = -100;
        for (Py_ssize_t k = 0; k < m; k++) {
            float e[3];
            for (int l = 0; l < 3; l++) {
                float v = 0.0f;
                for (int o = 0; o < 5; o++) {
                    Py_ssize_t j = k + o - 2;
                    float part = (j >= 0 && j < m) ? T[tk[j].row * 15 + o * 3 + l] : P[o * 3 + l];
                    v = o == 0 ? part : v + part;
                }
                e[l] = v;
            }
            /* the token features, in the order of Featurizer.token_features */
            uint64_t ids[12];
            int nf = 0;
            ids[nf++] = (uint64_t)F[0];
            ids[nf++] = bigram[2 * k];
            ids[nf++] = bigram[2 * k + 1];
            for (int c = 1; c <= 5; c++)
                if (held[c]) ids[nf++] = (uint64_t)F[c];
            Py_ssize_t gap = k - last_cue;
            ids[nf++] = (uint64_t)F[gap <= 4 ? 5 + gap : gap <= 8 ? 10 : 11];
            if (k == 0) ids[nf++] = (uint64_t)F[12];
            if (k == m - 1) ids[nf++] = (uint64_t)F[13];
            for (int l = 0; l < 3; l++) {
                float x = W[ids[0] * 3 + l];
                for (int f = 1; f < nf; f++) x += W[ids[f] * 3 + l];
                em[3 * k + l] = (double)(e[l] + x);
            }
            if (tk[k].cls == 1) last_cue = k;
        }
        viterbi3(em, m, t, back, labels);
        Py_ssize_t open = -1;
        for (Py_ssize_t k = 0; k <= m; k++) {
            int lab = k < m ? labels[k] : 0;
            if (lab != 2) {
                if (open >= 0) {
                    PyObject *span = Py_BuildValue("(nn)", tk[open].start, tk[k - 1].end);
                    if (span == NULL || PyList_Append(out, span) < 0) { Py_XDECREF(span); goto error; }
                    Py_DECREF(span);
                    open = -1;
                }
                if (lab == 1) open = k;
            } else if (open < 0) {
                open = k;
            }
        }
    }
    goto done;
error:
    Py_CLEAR(out);
done:
    if (tables.obj) PyBuffer_Release(&tables);
    if (classes.obj) PyBuffer_Release(&classes);
    if (pad.obj) PyBuffer_Release(&pad);
    if (weights.obj) PyBuffer_Release(&weights);
    if (trans.obj) PyBuffer_Release(&trans);
    if (fixed.obj) PyBuffer_Release(&fixed);
    if (hbuf.obj) PyBuffer_Release(&hbuf);
    Py_XDECREF(rows);
    Py_XDECREF(add_many);
    Py_XDECREF(pending);
    Py_XDECREF(pending_at);
    PyMem_Free(new_rows);
    PyMem_Free(toks);
    PyMem_Free(seg_end);
    PyMem_Free(em);
    PyMem_Free(bigram);
    PyMem_Free(back);
    PyMem_Free(labels);
    return out;
}

/* The sparse pooling of the linker's lexical scores (kompetens.link.sparse.pool_queries_python):
 * pool_queries(items, doc_group, cells, gbest, gseen, w_cov, w_part) -> (groups, scores)
 *   items: list of (part, scale, indptr, docs, weights, doc_map or None, ids, qw, limit): a term query of one
 *   index (CSR postings: int64 indptr, int32 docs, float32 weights) whose terms ids (int64) weigh qw (float32)
 *   x scale, in part 0 (cov of whole words), 1 (compound parts) or 2 (the rest); terms with more than limit
 *   postings are skipped; doc_map (int64) maps the index's documents to the shared numbering.
 *   doc_group: each document's concept group (int64, sorted); cells (float32, 4 x documents: the three parts'
 *   sums and a mark, one cache line's quarter a document), gbest (float32, groups), gseen (uint8, groups):
 *   zeroed scratch, left zeroed.
 *   Per document: whole + w_cov * (whole > 0 ? parts : w_part * parts) + rest; per group the best of its
 *   documents the queries reach. groups: bytes of int64, scores: bytes of float32, in the order first met. */
static PyObject *pool_queries(PyObject *self, PyObject *args) {
    PyObject *items;
    double w_cov, w_part;
    Py_buffer dgroup = {0}, dcells = {0}, gbest = {0}, gseen = {0};
    if (!PyArg_ParseTuple(args, "O!y*w*w*w*dd", &PyList_Type, &items, &dgroup, &dcells, &gbest, &gseen, &w_cov,
                          &w_part))
        return NULL;
    PyObject *out = NULL, *gbytes = NULL, *sbytes = NULL;
    int64_t *touched = NULL, *groups = NULL;
    Py_ssize_t n_touched = 0, cap = 1024, n_groups_out = 0;
    Py_ssize_t n_docs = dgroup.len / 8, n_groups = gseen.len;
    if (dgroup.len != n_docs * 8 || dcells.len != 4 * n_docs * 4 || gbest.len != n_groups * 4) {
        PyErr_SetString(PyExc_ValueError, "pool_queries: scratch sizes do not match");
        goto done;
    }
    const int64_t *group_of = dgroup.buf;
    float *cells = dcells.buf;
    unsigned char *gs = gseen.buf;
    float *best = gbest.buf;
    touched = PyMem_Malloc(sizeof(int64_t) * (size_t)cap);
    if (touched == NULL) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(items); k++) {
        walk_item it;
        if (walk_item_parse(PyList_GET_ITEM(items, k), &it, "pool_queries") < 0) goto done;
        int ok = 1;
        const int32_t *docs = it.docs;
        const int64_t *dmap = it.dmap;
        const float *w = it.w, *q = it.q;
        Py_ssize_t n_map = it.n_map;
        int part = it.part;
        double scale = it.scale, limit = it.limit;
        for (Py_ssize_t t = 0; ok && t < it.n_ids; t++) {
            int64_t a, b;
            if (walk_item_term(&it, t, &a, &b, "pool_queries") < 0) {
                ok = 0;
                break;
            }
            if ((double)(b - a) > limit) continue;
            double f = (double)q[t] * scale;
            /* room for every posting of the term to be a first touch: the loop below then stores each
               document at the end of touched and keeps it there only if it was new (no branch on whether it
               was, which the processor cannot guess: the walk ran a third slower on the mispredictions) */
            if (n_touched + (b - a) > cap) {
                Py_ssize_t want = cap;
                while (n_touched + (b - a) > want) want *= 2;
                int64_t *more = PyMem_Realloc(touched, sizeof(int64_t) * (size_t)want);
                if (more == NULL) { PyErr_NoMemory(); ok = 0; break; }
                touched = more;
                cap = want;
            }
            for (int64_t j = a; j < b; j++) {
                int64_t d = docs[j];
                if (dmap) d = (d >= 0 && d < n_map) ? dmap[d] : -1;
                if (d < 0 || d >= n_docs) {
                    PyErr_SetString(PyExc_ValueError, "pool_queries: a document out of range");
                    ok = 0;
                    break;
                }
                float *cell = cells + 4 * d;
                touched[n_touched] = d;
                n_touched += cell[3] == 0.0f;
                cell[3] = 1.0f;
                cell[part] += (float)((double)w[j] * f);
            }
        }
        walk_item_release(&it);
        if (!ok) goto done;
    }
    groups = PyMem_Malloc(sizeof(int64_t) * (size_t)(n_touched + 1));
    if (groups == NULL) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t k = 0; k < n_touched; k++) {
        int64_t d = touched[k], g = group_of[d];
        const float *cell = cells + 4 * d;
        double whole = cell[0], parts = cell[1], rest = cell[2];
        float score = (float)(whole + w_cov * (whole > 0 ? parts : w_part * parts) + rest);
        if (g < 0 || g >= n_groups) {
            PyErr_SetString(PyExc_ValueError, "pool_queries: a concept group out of range");
            goto done;
        }
        /* branch-free as the walk: a group met first is kept at the end of groups */
        int first = !gs[g];
        groups[n_groups_out] = g;
        n_groups_out += first;
        gs[g] = 1;
        best[g] = (first || score > best[g]) ? score : best[g];
    }
    gbytes = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(sizeof(int64_t) * (size_t)n_groups_out));
    sbytes = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(sizeof(float) * (size_t)n_groups_out));
    if (gbytes == NULL || sbytes == NULL) goto done;
    {
        int64_t *go = (int64_t *)PyBytes_AS_STRING(gbytes);
        float *so = (float *)PyBytes_AS_STRING(sbytes);
        for (Py_ssize_t k = 0; k < n_groups_out; k++) {
            go[k] = groups[k];
            so[k] = best[groups[k]];
        }
    }
    out = PyTuple_Pack(2, gbytes, sbytes);
done:
    /* the scratch back to zero, whatever happened */
    if (touched) {
        for (Py_ssize_t k = 0; k < n_touched; k++) {
            int64_t d = touched[k];
            float *cell = (float *)dcells.buf + 4 * d;
            cell[0] = cell[1] = cell[2] = cell[3] = 0.0f;
        }
    }
    for (Py_ssize_t k = 0; k < n_groups_out; k++) ((unsigned char *)gseen.buf)[groups[k]] = 0;
    PyMem_Free(touched);
    PyMem_Free(groups);
    Py_XDECREF(gbytes);
    Py_XDECREF(sbytes);
    PyBuffer_Release(&dgroup); PyBuffer_Release(&dcells); PyBuffer_Release(&gbest); PyBuffer_Release(&gseen);
    return out;
}

/* the weights' rows (2**bits x 3 float32), or -1 with an error */
static Py_ssize_t weight_rows(const Py_buffer *w, const char *who) {
    Py_ssize_t rows = w->len / 12;
    if (rows < 1 || (rows & (rows - 1)) != 0 || w->len != rows * 12) {
        PyErr_Format(PyExc_ValueError, "%s: weights must be 2**bits x 3 float32", who);
        return -1;
    }
    return rows;
}

/* ---- The span tagger's table of a new word (kompetens.extract.spans.Featurizer.word_table_python) --------
 * word_table(prefixes, groups, weights, out) -> None (word_row below builds the features itself)
 *   prefixes: list of str, one per neighbour position ("-2:" ... "2:"); groups: list of as many lists of str,
 *   the word's features seen from that position; weights: float32 2**bits x 3; out: writable float32
 *   positions x 3, set to the sum of the weight rows of crc32(prefix + feature) & (len(weights) - 1) for each
 *   feature of each position (zlib's crc32 of the UTF-8 bytes, as _hash computes it). */
static PyObject *word_table(PyObject *self, PyObject *args) {
    PyObject *prefixes, *groups, *wobj, *oobj;
    if (!PyArg_ParseTuple(args, "O!O!OO", &PyList_Type, &prefixes, &PyList_Type, &groups, &wobj, &oobj)) return NULL;
    Py_ssize_t n_pos = PyList_GET_SIZE(prefixes);
    if (PyList_GET_SIZE(groups) != n_pos) {
        PyErr_SetString(PyExc_ValueError, "word_table: as many feature lists as prefixes are needed");
        return NULL;
    }
    if (!crc_ready) crc_init();
    Py_buffer w = {0}, out = {0};
    PyObject *result = NULL;
    if (get_buffer(wobj, NULL, &w, 4, 0) < 0) return NULL;
    if (get_buffer(oobj, NULL, &out, 4, 1) < 0) { PyBuffer_Release(&w); return NULL; }
    Py_ssize_t rows = weight_rows(&w, "word_table");
    if (rows < 0) goto done;
    if (out.len != n_pos * 12) {
        PyErr_SetString(PyExc_ValueError, "word_table: out must be positions x 3 float32");
        goto done;
    }
    {
        const float *wt = (const float *)w.buf;
        float *o = (float *)out.buf;
        uint32_t mask = (uint32_t)(rows - 1);
        for (Py_ssize_t p = 0; p < n_pos; p++) {
            PyObject *prefix = PyList_GET_ITEM(prefixes, p), *feats = PyList_GET_ITEM(groups, p);
            if (!PyUnicode_Check(prefix) || !PyList_Check(feats)) {
                PyErr_SetString(PyExc_TypeError, "word_table: prefixes are str and groups lists of str");
                goto done;
            }
            uint32_t head = crc_str(0xFFFFFFFFU, PyUnicode_KIND(prefix), PyUnicode_DATA(prefix), 0,
                                    PyUnicode_GET_LENGTH(prefix));
            float a = 0.0f, b = 0.0f, c = 0.0f; /* in float32 and in order, as numpy sums the rows */
            for (Py_ssize_t k = 0; k < PyList_GET_SIZE(feats); k++) {
                PyObject *f = PyList_GET_ITEM(feats, k);
                if (!PyUnicode_Check(f)) {
                    PyErr_SetString(PyExc_TypeError, "word_table: a feature is not a str");
                    goto done;
                }
                uint32_t h = crc_str(head, PyUnicode_KIND(f), PyUnicode_DATA(f), 0, PyUnicode_GET_LENGTH(f));
                const float *row = wt + 3 * (size_t)((h ^ 0xFFFFFFFFU) & mask);
                a += row[0]; b += row[1]; c += row[2];
            }
            o[3 * p] = a; o[3 * p + 1] = b; o[3 * p + 2] = c;
        }
    }
    result = Py_None;
    Py_INCREF(result);
done:
    PyBuffer_Release(&w);
    PyBuffer_Release(&out);
    return result;
}

/* word_row(word, lower, lemma, cls, grains, weights, out) -> None
 *   A new word's tagger table, as word_table gives it for Featurizer.feature_groups's features, the features
 *   built here from their parts: word as written (its shape, case and length), lower (word.lower()), lemma,
 *   cls (its word class), grains (None: no cluster features; an empty tuple: "g=?"; else its cluster ids).
 *   Seen from position 0: w l p3 s3 s2 sh c k len and the grains; from +-1: w l s3 sh k c and the grains;
 *   from +-2: w sh k and the first grain; each "<position>:<feature>" hashed and its weight rows summed as
 *   word_table does. out: writable float32 5 x 3. */
typedef struct {
    const float *wt;
    uint32_t mask;
    int n;
    uint32_t rows[32];
} RowSum;

/* a feature's hash (its crc32 before the final xor): its weight row, fetched ahead of the sum */
static inline void row_add(RowSum *r, uint32_t crc) {
    uint32_t row = (crc ^ 0xFFFFFFFFU) & r->mask;
    __builtin_prefetch(r->wt + 3 * (size_t)row);
    r->rows[r->n++] = row;
}

/* the sum of the rows, in float32 and in order (as word_table sums them) */
static inline void row_sum(const RowSum *r, float *out) {
    float a = 0.0f, b = 0.0f, c = 0.0f;
    for (int k = 0; k < r->n; k++) {
        const float *row = r->wt + 3 * (size_t)r->rows[k];
        a += row[0]; b += row[1]; c += row[2];
    }
    out[0] = a; out[1] = b; out[2] = c;
}

static inline uint32_t crc_cstr(uint32_t crc, const char *s) { return crc_bytes(crc, s, strlen(s)); }

/* The crc32 states (before the final xor) of the constant starts of a word row's features, worked out once:
 * each position's prefix ("-2:" .. "2:") and a feature's name, the own position's "len=1" .. "len=12", each
 * position's "g=?" and "g0=" .. "g15=" (a grain's id follows in decimal, as snprintf's "%ld" writes it). */
enum { F_W, F_L, F_S3, F_SH, F_K, F_C, F_P3, F_S2, F_NAMES };
static const char *const feature_names[F_NAMES] = {"w=", "l=", "s3=", "sh=", "k=", "c=", "p3=", "s2="};
static uint32_t feature_heads[5][F_NAMES], grain_heads[5][16], no_grain[5], len_features[13];
/* crc's register is linear over GF(2): the state after bytes B from a start h is that from 0 xor that of |B| zero
 * bytes from h. zero_runs[p][f][n] is the latter for feature_heads[p][f] and n <= ZERO_RUNS, so that a feature
 * taken at several positions over the same text ("w=", "l=", "s3=", "sh=", "k=") is one pass over it. */
#define ZERO_RUNS 64
static uint32_t zero_runs[5][F_NAMES][ZERO_RUNS + 1];
static int heads_ready = 0;

static void heads_init(void) { /* crc_table ready */
    static const char *const prefixes[5] = {"-2:", "-1:", "0:", "1:", "2:"};
    char text[16];
    for (int p = 0; p < 5; p++) {
        uint32_t head = crc_cstr(0xFFFFFFFFU, prefixes[p]);
        for (int f = 0; f < F_NAMES; f++) feature_heads[p][f] = crc_cstr(head, feature_names[f]);
        for (int g = 0; g < 16; g++) {
            snprintf(text, sizeof text, "g%d=", g);
            grain_heads[p][g] = crc_cstr(head, text);
        }
        no_grain[p] = crc_cstr(head, "g=?");
        for (int f = 0; f < F_NAMES; f++) {
            uint32_t r = feature_heads[p][f];
            for (int n = 0; n <= ZERO_RUNS; n++) {
                zero_runs[p][f][n] = r;
                r = crc_table[r & 0xFF] ^ (r >> 8); /* one zero byte */
            }
        }
        if (p == 2)
            for (int k = 1; k <= 12; k++) {
                snprintf(text, sizeof text, "len=%d", k);
                len_features[k] = crc_cstr(head, text);
            }
    }
    heads_ready = 1;
}

/* crc over the decimal digits of v, as "%ld" writes it */
static inline uint32_t crc_long(uint32_t crc, long v) {
    char digits[24];
    int k = (int)sizeof digits;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        digits[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) digits[--k] = '-';
    return crc_bytes(crc, digits + k, sizeof digits - (size_t)k);
}

/* str.isupper() (upper = 1) or str.islower() (upper = 0) of code points [from, n): no character of the other
 * case nor titlecase, and at least one of this case (as CPython tests them) */
static int all_cased(int kind, const void *data, Py_ssize_t from, Py_ssize_t n, int upper) {
    int cased = 0;
    for (Py_ssize_t k = from; k < n; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (Py_UNICODE_ISTITLE(c) || (upper ? Py_UNICODE_ISLOWER(c) : Py_UNICODE_ISUPPER(c))) return 0;
        if (upper ? Py_UNICODE_ISUPPER(c) : Py_UNICODE_ISLOWER(c)) cased = 1;
    }
    return cased;
}

/* spans._case of a word (n >= 1 code points): the same tests, in the same order */
static const char *word_case(int kind, const void *data, Py_ssize_t n) {
    int alpha = 0, digit = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (Py_UNICODE_ISALPHA(c)) alpha = 1;
        if (Py_UNICODE_ISDIGIT(c)) digit = 1;
    }
    if (!alpha) return digit ? "digit" : "punct";
    if (all_cased(kind, data, 0, n, 1)) return n > 1 ? "upper" : "cap1";
    if (Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, 0)))
        return n == 1 || all_cased(kind, data, 1, n, 0) ? "title" : "mixed";
    return all_cased(kind, data, 0, n, 0) ? "lower" : "mixed";
}

/* spans._SHAPE of one code point */
static inline Py_UCS4 shape_cp(Py_UCS4 c) {
    if ((c >= 'A' && c <= 'Z') || c == 0xC5 || c == 0xC4 || c == 0xD6 || c == 0xC9 || c == 0xDC) return 'X';
    if ((c >= 'a' && c <= 'z') || c == 0xE5 || c == 0xE4 || c == 0xF6 || c == 0xE9 || c == 0xFC) return 'x';
    if (c >= '0' && c <= '9') return 'd';
    return c;
}

/* the bytes of a code point in UTF-8 (crc_cp's encoding) */
static inline int utf8_width(Py_UCS4 c) { return 1 + (c >= 0x80) + (c >= 0x800) + (c >= 0x10000); }

/* the UTF-8 length of code points [start, end) of a str's data */
static inline Py_ssize_t utf8_len(int kind, const void *data, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t n = 0;
    for (Py_ssize_t k = start; k < end; k++) n += utf8_width(PyUnicode_READ(kind, data, k));
    return n;
}

/* one word's table into out (5 x 3 float32) from weights (rows x 3, rows a power of two): word_row's work,
 * its arguments checked by the caller but grains (None or a tuple of at most 16 ints); 0, or -1 with an error */
static int fill_word_row(PyObject *word, PyObject *lower, PyObject *lemma, PyObject *cls, PyObject *grains,
                         const float *wt, Py_ssize_t rows, float *out) {
    if (grains != Py_None && !PyTuple_Check(grains)) {
        PyErr_SetString(PyExc_TypeError, "word_row: grains must be None or a tuple of ints");
        return -1;
    }
    Py_ssize_t n_grains = grains == Py_None ? -1 : PyTuple_GET_SIZE(grains);
    long gids[16];
    if (n_grains > 16) {
        PyErr_SetString(PyExc_ValueError, "word_row: at most 16 grains");
        return -1;
    }
    for (Py_ssize_t g = 0; g < n_grains; g++) {
        gids[g] = PyLong_AsLong(PyTuple_GET_ITEM(grains, g));
        if (gids[g] == -1 && PyErr_Occurred()) return -1;
    }
    Py_UCS4 small[64], *shape = small;
    int kind = PyUnicode_KIND(word), lkind = PyUnicode_KIND(lower), mkind = PyUnicode_KIND(lemma);
    int ckind = PyUnicode_KIND(cls);
    const void *data = PyUnicode_DATA(word), *ldata = PyUnicode_DATA(lower), *mdata = PyUnicode_DATA(lemma);
    const void *cdata = PyUnicode_DATA(cls);
    Py_ssize_t n = PyUnicode_GET_LENGTH(word), ln = PyUnicode_GET_LENGTH(lower);
    Py_ssize_t mn = PyUnicode_GET_LENGTH(lemma), cn = PyUnicode_GET_LENGTH(cls);
    if (n == 0) {
        PyErr_SetString(PyExc_ValueError, "word_row: an empty word");
        return -1;
    }
    /* the shape: each character mapped, runs squeezed when it is longer than 4 */
    if (n > 64) {
        shape = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)n);
        if (shape == NULL) { PyErr_NoMemory(); return -1; }
    }
    Py_ssize_t sn = 0;
    for (Py_ssize_t k = 0; k < n; k++) shape[sn++] = shape_cp(PyUnicode_READ(kind, data, k));
    if (sn > 4) {
        Py_ssize_t m = 1;
        for (Py_ssize_t k = 1; k < sn; k++)
            if (shape[k] != shape[m - 1]) shape[m++] = shape[k];
        sn = m;
    }
    const char *wcase = word_case(kind, data, n);
    if (!heads_ready) heads_init();
    /* the texts' crc from 0 and their UTF-8 lengths, once: each position's state is then one xor (zero_runs);
     * a text longer than ZERO_RUNS bytes is hashed at each position as written */
    Py_ssize_t s3_from = ln > 3 ? ln - 3 : 0, nw = utf8_len(lkind, ldata, 0, ln), nl = utf8_len(mkind, mdata, 0, mn);
    Py_ssize_t ns3 = utf8_len(lkind, ldata, s3_from, ln), nk = utf8_len(ckind, cdata, 0, cn), nsh = 0;
    uint32_t zsh = 0;
    for (Py_ssize_t k = 0; k < sn; k++) {
        zsh = crc_cp(zsh, shape[k]);
        nsh += utf8_width(shape[k]);
    }
    int once = nw <= ZERO_RUNS && nl <= ZERO_RUNS && ns3 <= ZERO_RUNS && nk <= ZERO_RUNS && nsh <= ZERO_RUNS;
    uint32_t zw = 0, zl = 0, zs3 = 0, zk = 0;
    if (once) {
        zw = crc_str(0, lkind, ldata, 0, ln);
        zl = crc_str(0, mkind, mdata, 0, mn);
        zs3 = crc_str(0, lkind, ldata, s3_from, ln);
        zk = crc_str(0, ckind, cdata, 0, cn);
    }
    RowSum sums[5];
    for (int p = 0; p < 5; p++) { /* every row's hash first (and its fetch started), then the sums */
        RowSum *r = &sums[p];
        const uint32_t *head = feature_heads[p];
        r->wt = wt;
        r->mask = (uint32_t)(rows - 1);
        r->n = 0;
        uint32_t fw, fsh, fk, fl = 0, fs3 = 0;
        if (once) {
            fw = zw ^ zero_runs[p][F_W][nw];
            fsh = zsh ^ zero_runs[p][F_SH][nsh];
            fk = zk ^ zero_runs[p][F_K][nk];
            if (p >= 1 && p <= 3) {
                fl = zl ^ zero_runs[p][F_L][nl];
                fs3 = zs3 ^ zero_runs[p][F_S3][ns3];
            }
        } else {
            fw = crc_str(head[F_W], lkind, ldata, 0, ln);
            fsh = head[F_SH];
            for (Py_ssize_t k = 0; k < sn; k++) fsh = crc_cp(fsh, shape[k]);
            fk = crc_str(head[F_K], ckind, cdata, 0, cn);
            if (p >= 1 && p <= 3) {
                fl = crc_str(head[F_L], mkind, mdata, 0, mn);
                fs3 = crc_str(head[F_S3], lkind, ldata, s3_from, ln);
            }
        }
        int grain_count;
        if (p == 2) { /* own: w l p3 s3 s2 sh c k len */
            row_add(r, fw);
            row_add(r, fl);
            row_add(r, crc_str(head[F_P3], lkind, ldata, 0, ln < 3 ? ln : 3));
            row_add(r, fs3);
            row_add(r, crc_str(head[F_S2], lkind, ldata, ln > 2 ? ln - 2 : 0, ln));
            row_add(r, fsh);
            row_add(r, crc_cstr(head[F_C], wcase));
            row_add(r, fk);
            row_add(r, len_features[n < 12 ? n : 12]);
            grain_count = (int)n_grains;
        } else if (p == 1 || p == 3) { /* near: w l s3 sh k c */
            row_add(r, fw);
            row_add(r, fl);
            row_add(r, fs3);
            row_add(r, fsh);
            row_add(r, fk);
            row_add(r, crc_cstr(head[F_C], wcase));
            grain_count = (int)n_grains;
        } else { /* far: w sh k */
            row_add(r, fw);
            row_add(r, fsh);
            row_add(r, fk);
            grain_count = n_grains > 1 ? 1 : (int)n_grains;
        }
        if (n_grains == 0) row_add(r, no_grain[p]);
        for (int g = 0; g < grain_count; g++) row_add(r, crc_long(grain_heads[p][g], gids[g]));
    }
    for (int p = 0; p < 5; p++) row_sum(&sums[p], out + 3 * p);
    if (shape != small) PyMem_Free(shape);
    return 0;
}

static PyObject *word_row(PyObject *self, PyObject *args) {
    PyObject *word, *lower, *lemma, *cls, *grains, *wobj, *oobj;
    if (!PyArg_ParseTuple(args, "UUUUOOO", &word, &lower, &lemma, &cls, &grains, &wobj, &oobj)) return NULL;
    if (!crc_ready) crc_init();
    Py_buffer w = {0}, out = {0};
    PyObject *result = NULL;
    if (get_buffer(wobj, NULL, &w, 4, 0) < 0) return NULL;
    if (get_buffer(oobj, NULL, &out, 4, 1) < 0) { PyBuffer_Release(&w); return NULL; }
    Py_ssize_t rows = weight_rows(&w, "word_row");
    if (rows < 0) goto done;
    if (out.len != 5 * 12) {
        PyErr_SetString(PyExc_ValueError, "word_row: out must be 5 x 3 float32");
        goto done;
    }
    if (fill_word_row(word, lower, lemma, cls, grains, (const float *)w.buf, rows, (float *)out.buf) < 0) goto done;
    result = Py_None;
    Py_INCREF(result);
done:
    PyBuffer_Release(&w);
    PyBuffer_Release(&out);
    return result;
}

/* A word's clusters as the featurizer finds them (Featurizer.fill_row): clusters.get(lower) or
 * clusters.get(lemma) or () (a borrowed reference; NULL with an exception set). */
static PyObject *word_grains(PyObject *clusters, PyObject *lower, PyObject *lemma) {
    PyObject *keys[2] = {lower, lemma};
    /* a word that is its own lemma (most new forms: names, numbers, words the lexicon lacks) is asked once */
    int ask = 2 - (lemma == lower || (PyUnicode_GET_LENGTH(lemma) == PyUnicode_GET_LENGTH(lower) &&
                                      PyUnicode_KIND(lemma) == PyUnicode_KIND(lower) &&
                                      memcmp(PyUnicode_DATA(lemma), PyUnicode_DATA(lower),
                                             (size_t)(PyUnicode_GET_LENGTH(lower) * PyUnicode_KIND(lower))) == 0));
    for (int q = 0; q < ask; q++) {
        PyObject *g = PyDict_GetItemWithError(clusters, keys[q]);
        if (g == NULL && PyErr_Occurred()) return NULL;
        if (g != NULL) {
            int truth = PyObject_IsTrue(g);
            if (truth < 0) return NULL;
            if (truth) return g;
        }
    }
    static PyObject *none_found = NULL; /* () */
    if (none_found == NULL && (none_found = PyTuple_New(0)) == NULL) return NULL;
    return none_found;
}

/* word_rows_into(words, lowers, lemmas, classes, grains, weights, tables, first) -> None
 *   word_row of each words[k] (with lowers[k], lemmas[k], classes[k] and grains[k], or no grains where grains is
 *   None) written into tables[first + k] (tables: float32 rows x 5 x 3, writable): a text's new words in one
 *   call (WordTables.add_many). The lists are of one length, their items str (grains': None or tuples).
 *   grains may also be the word clusters (a dict): each word's are then word_grains(grains, lowers[k],
 *   lemmas[k]), looked up here rather than in a Python list first. */
static PyObject *word_rows_into(PyObject *self, PyObject *args) {
    PyObject *words, *lowers, *lemmas, *classes, *grains, *wobj, *tobj;
    Py_ssize_t first;
    if (!PyArg_ParseTuple(args, "O!O!O!O!OOOn", &PyList_Type, &words, &PyList_Type, &lowers, &PyList_Type, &lemmas,
                          &PyList_Type, &classes, &grains, &wobj, &tobj, &first))
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(words);
    if (PyList_GET_SIZE(lowers) != count || PyList_GET_SIZE(lemmas) != count || PyList_GET_SIZE(classes) != count ||
        (grains != Py_None && !PyDict_Check(grains) && (!PyList_Check(grains) || PyList_GET_SIZE(grains) != count))) {
        PyErr_SetString(PyExc_ValueError,
                        "word_rows_into: the lists differ in length (grains: None, a list or the clusters)");
        return NULL;
    }
    if (!crc_ready) crc_init();
    Py_buffer w = {0}, t = {0};
    PyObject *result = NULL;
    if (get_buffer(wobj, NULL, &w, 4, 0) < 0) return NULL;
    if (get_buffer(tobj, NULL, &t, 4, 1) < 0) { PyBuffer_Release(&w); return NULL; }
    Py_ssize_t rows = weight_rows(&w, "word_rows_into");
    if (rows < 0) goto done;
    if (t.len % (5 * 12) != 0 || first < 0 || first + count > t.len / (5 * 12)) {
        PyErr_SetString(PyExc_ValueError, "word_rows_into: tables must be rows x 5 x 3 float32 that hold the rows");
        goto done;
    }
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *items[4] = {PyList_GET_ITEM(words, k), PyList_GET_ITEM(lowers, k), PyList_GET_ITEM(lemmas, k),
                              PyList_GET_ITEM(classes, k)};
        for (int q = 0; q < 4; q++)
            if (!PyUnicode_Check(items[q])) {
                PyErr_SetString(PyExc_TypeError, "word_rows_into: words, lowers, lemmas and classes hold str");
                goto done;
            }
        PyObject *g = grains == Py_None     ? Py_None
                      : PyDict_Check(grains) ? word_grains(grains, items[1], items[2])
                                             : PyList_GET_ITEM(grains, k);
        if (g == NULL) goto done;
        if (fill_word_row(items[0], items[1], items[2], items[3], g, (const float *)w.buf, rows,
                          (float *)t.buf + 15 * (first + k)) < 0)
            goto done;
    }
    result = Py_None;
    Py_INCREF(result);
done:
    PyBuffer_Release(&w);
    PyBuffer_Release(&t);
    return result;
}

/* The lexicon's sorted words file (kompetens.extract.lemma.write_words_file; its Python twin word_rows_python):
 * word_rows(buffer, keys) -> [(word, lemma_sv, lemma_en, zipf_sv, zipf_en), ...] for the keys it holds, as the
 * words table's rows (None for NULL). The file: magic "KWORDS\0\1", n (uint32), the id's length (uint32), the
 * id, padding to 4, n record offsets (uint32, from the records' start) in the words' byte order, then the
 * records: the word (UTF-8), 0, a flags byte (1 lemma_sv, 2 lemma_en, 4 zipf_sv, 8 zipf_en), each lemma it
 * flags NUL-terminated, each Zipf it flags as a little-endian double. A binary search per key. */
static int words_cmp(const char *k, Py_ssize_t kl, const unsigned char *rec, const unsigned char *end) {
    for (Py_ssize_t i = 0; i < kl; i++) {
        if (rec + i >= end || rec[i] == 0) return 1; /* the record's word is a prefix of the key */
        int d = (int)(unsigned char)k[i] - (int)rec[i];
        if (d) return d;
    }
    return (rec + kl < end && rec[kl] == 0) ? 0 : -1;
}

static PyObject *words_text(const unsigned char **at, const unsigned char *end) {
    const unsigned char *p = *at;
    const unsigned char *z = memchr(p, 0, (size_t)(end - p));
    if (z == NULL) {
        PyErr_SetString(PyExc_ValueError, "word_rows: a record runs past the end");
        return NULL;
    }
    *at = z + 1;
    return PyUnicode_DecodeUTF8((const char *)p, z - p, "strict");
}

/* The words file's header: "KWORDS\0\1", its row count, the ids' length, then the offsets (4-byte aligned)
 * and the records. Sets n, the offsets' start and the records' start, or a ValueError naming `fn`. */
static int words_header(const unsigned char *base, Py_ssize_t len, const char *fn, uint32_t *n,
                        Py_ssize_t *offs, Py_ssize_t *recs) {
    uint32_t idlen;
    if (len < 16 || memcmp(base, "KWORDS\0\1", 8) != 0) {
        PyErr_Format(PyExc_ValueError, "%s: not a words file", fn);
        return -1;
    }
    memcpy(n, base + 8, 4);
    memcpy(&idlen, base + 12, 4);
    *offs = (16 + (Py_ssize_t)idlen + 3) & ~(Py_ssize_t)3;
    *recs = *offs + 4 * (Py_ssize_t)*n;
    if (*recs > len) {
        PyErr_Format(PyExc_ValueError, "%s: a words file cut short", fn);
        return -1;
    }
    return 0;
}

/* The record of word `k` (`kl` bytes) in the words file, by bisection over its offsets: *rec, or NULL where
 * the file has no such word; -1 with a ValueError naming `fn` for an offset past the file's end. */
static int words_find(const unsigned char *base, Py_ssize_t len, Py_ssize_t offs, Py_ssize_t recs, uint32_t n,
                      const char *k, Py_ssize_t kl, const char *fn, const unsigned char **rec) {
    const unsigned char *end = base + len;
    Py_ssize_t lo = 0, hi = n;
    *rec = NULL;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        uint32_t off;
        memcpy(&off, base + offs + 4 * mid, 4);
        if (recs + (Py_ssize_t)off >= len) {
            PyErr_Format(PyExc_ValueError, "%s: a record offset past the end", fn);
            return -1;
        }
        const unsigned char *r = base + recs + off;
        int c = words_cmp(k, kl, r, end);
        if (c == 0) {
            *rec = r;
            return 0;
        }
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return 0;
}

static PyObject *word_rows(PyObject *self, PyObject *args) {
    PyObject *bufobj, *keys, *out = NULL;
    Py_buffer b = {0};
    if (!PyArg_ParseTuple(args, "OO!", &bufobj, &PyList_Type, &keys)) return NULL;
    if (PyObject_GetBuffer(bufobj, &b, PyBUF_SIMPLE) < 0) return NULL;
    const unsigned char *base = b.buf;
    Py_ssize_t len = b.len;
    uint32_t n;
    Py_ssize_t offs, recs;
    if (words_header(base, len, "word_rows", &n, &offs, &recs) < 0) goto done;
    const unsigned char *end = base + len;
    out = PyList_New(0);
    if (out == NULL) goto done;
    Py_ssize_t nk = PyList_GET_SIZE(keys);
    for (Py_ssize_t q = 0; q < nk; q++) {
        PyObject *key = PyList_GET_ITEM(keys, q);
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "word_rows: keys must be str");
            goto fail;
        }
        Py_ssize_t kl;
        const char *k = PyUnicode_AsUTF8AndSize(key, &kl);
        if (k == NULL) goto fail;
        if (memchr(k, 0, (size_t)kl) != NULL) continue; /* no word of the file holds a NUL */
        const unsigned char *rec;
        if (words_find(base, len, offs, recs, n, k, kl, "word_rows", &rec) < 0) goto fail;
        if (rec == NULL) continue;
        const unsigned char *at = rec + kl + 1;
        if (at >= end) {
            PyErr_SetString(PyExc_ValueError, "word_rows: a record runs past the end");
            goto fail;
        }
        unsigned flags = *at++;
        PyObject *row = PyTuple_New(5);
        if (row == NULL) goto fail;
        Py_INCREF(key);
        PyTuple_SET_ITEM(row, 0, key);
        for (int c = 0; c < 2; c++) {
            PyObject *v;
            if (flags & (1u << c)) {
                v = words_text(&at, end);
                if (v == NULL) { Py_DECREF(row); goto fail; }
            } else {
                v = Py_None;
                Py_INCREF(v);
            }
            PyTuple_SET_ITEM(row, 1 + c, v);
        }
        for (int c = 0; c < 2; c++) {
            PyObject *v;
            if (flags & (4u << c)) {
                if (end - at < 8) {
                    PyErr_SetString(PyExc_ValueError, "word_rows: a record runs past the end");
                    Py_DECREF(row);
                    goto fail;
                }
                double z = PyFloat_Unpack8((const char *)at, 1);
                at += 8;
                if (z == -1.0 && PyErr_Occurred()) { Py_DECREF(row); goto fail; }
                v = PyFloat_FromDouble(z);
                if (v == NULL) { Py_DECREF(row); goto fail; }
            } else {
                v = Py_None;
                Py_INCREF(v);
            }
            PyTuple_SET_ITEM(row, 3 + c, v);
        }
        int bad = PyList_Append(out, row);
        Py_DECREF(row);
        if (bad < 0) goto fail;
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyBuffer_Release(&b);
    return out;
}

/* The records of up to WORDS_BATCH keys at once (found[i]: NULL where the file has none, or ks[i] is NULL: a key
 * holding a NUL), by the bisections of words_find run side by side: each round reads every live search's
 * middle offset and record after asking the memory for all of them (prefetch), so that their cache misses,
 * which were each bisection's cost (~21 steps a key over a 32 MB file, most of them misses), overlap instead of
 * following one another. The same records as words_find gives each key; -1 (an exception set) where a record
 * offset lies past the end. */
#define WORDS_BATCH 16
static int words_find_many(const unsigned char *base, Py_ssize_t len, Py_ssize_t offs, Py_ssize_t recs, uint32_t n,
                           const char *const *ks, const Py_ssize_t *kls, int m, const unsigned char **found,
                           const char *fn) {
    const unsigned char *end = base + len;
    Py_ssize_t lo[WORDS_BATCH], hi[WORDS_BATCH], mid[WORDS_BATCH];
    const unsigned char *r[WORDS_BATCH];
    int live[WORDS_BATCH], left = 0;
    for (int i = 0; i < m; i++) {
        found[i] = NULL;
        lo[i] = 0;
        hi[i] = n;
        live[i] = ks[i] != NULL && n > 0;
        if (live[i]) {
            mid[i] = (Py_ssize_t)n / 2;
            __builtin_prefetch(base + offs + 4 * mid[i]);
            left++;
        }
    }
    while (left) {
        for (int i = 0; i < m; i++) {
            if (!live[i]) continue;
            uint32_t off;
            memcpy(&off, base + offs + 4 * mid[i], 4);
            if (recs + (Py_ssize_t)off >= len) {
                PyErr_Format(PyExc_ValueError, "%s: a record offset past the end", fn);
                return -1;
            }
            r[i] = base + recs + off;
            __builtin_prefetch(r[i]);
        }
        for (int i = 0; i < m; i++) {
            if (!live[i]) continue;
            int c = words_cmp(ks[i], kls[i], r[i], end);
            if (c == 0) found[i] = r[i];
            else if (c < 0) hi[i] = mid[i];
            else lo[i] = mid[i] + 1;
            if (c == 0 || lo[i] >= hi[i]) {
                live[i] = 0;
                left--;
            } else {
                mid[i] = lo[i] + (hi[i] - lo[i]) / 2;
                __builtin_prefetch(base + offs + 4 * mid[i]);
            }
        }
    }
    return 0;
}

/* One key's answer written into the memos (word_memos): its record `rec` (NULL: the file lacks it, and the key
 * joins `out`). 0, or -1 with an exception set. */
static int memo_write(PyObject *key, Py_ssize_t kl, const unsigned char *rec, const unsigned char *end, int col,
                      PyObject *memo, PyObject *const *zs, PyObject *zero, PyObject *out) {
    PyObject *lemma = Py_None, *zipf[2] = {zero, zero}, *made[3] = {NULL, NULL, NULL};
    if (rec == NULL) {
        if (PyList_Append(out, key) < 0) return -1;
        if (PyDict_SetItem(memo, key, Py_None) < 0 || PyDict_SetItem(zs[0], key, zero) < 0 ||
            PyDict_SetItem(zs[1], key, zero) < 0)
            return -1;
        return 0;
    }
    const unsigned char *at = rec + kl + 1;
    if (at >= end) {
        PyErr_SetString(PyExc_ValueError, "word_memos: a record runs past the end");
        return -1;
    }
    unsigned flags = *at++;
    int bad = 0;
    for (int c = 0; c < 2 && !bad; c++) {
        if (!(flags & (1u << c))) continue;
        const unsigned char *z = memchr(at, 0, (size_t)(end - at));
        if (z == NULL) {
            PyErr_SetString(PyExc_ValueError, "word_memos: a record runs past the end");
            bad = 1;
        } else {
            if (c == col && z > at) { /* an empty lemma reads as the word itself, as `row[col] or w` */
                made[0] = PyUnicode_DecodeUTF8((const char *)at, z - at, "strict");
                if (made[0] == NULL) bad = 1;
            }
            at = z + 1;
        }
    }
    for (int c = 0; c < 2 && !bad; c++) {
        if (!(flags & (4u << c))) continue;
        if (end - at < 8) {
            PyErr_SetString(PyExc_ValueError, "word_memos: a record runs past the end");
            bad = 1;
            break;
        }
        double z = PyFloat_Unpack8((const char *)at, 1);
        at += 8;
        if ((z == -1.0 && PyErr_Occurred()) || (made[1 + c] = PyFloat_FromDouble(z)) == NULL) bad = 1;
        else zipf[c] = made[1 + c];
    }
    if (!bad && (flags & 12u)) lemma = made[0] != NULL ? made[0] : key; /* held: a word of the lists */
    if (!bad) {
        bad = PyDict_SetItem(memo, key, lemma) < 0 || PyDict_SetItem(zs[0], key, zipf[0]) < 0 ||
              PyDict_SetItem(zs[1], key, zipf[1]) < 0;
    }
    for (int c = 0; c < 3; c++) Py_XDECREF(made[c]);
    return bad ? -1 : 0;
}

/* Whether a key the words file lacks is a lowercase word of letters whose capitalised form lowers to it again
 * (kompetens.extract.lemma.forget_absent_python: w.isalpha() and w == w.lower() == w.capitalize().lower()); where
 * it is, *cap gets w.capitalize() (a new reference). ASCII keys are answered here, others by their own methods.
 * 1 or 0, or -1 with an exception set. */
static int absent_word(PyObject *w, PyObject **cap) {
    *cap = NULL;
    if (PyUnicode_IS_ASCII(w)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(w);
        const Py_UCS1 *d = PyUnicode_1BYTE_DATA(w);
        if (n == 0) return 0;
        for (Py_ssize_t i = 0; i < n; i++)
            if (d[i] < 'a' || d[i] > 'z') return 0;
        PyObject *c = PyUnicode_New(n, 127);
        if (c == NULL) return -1;
        memcpy(PyUnicode_1BYTE_DATA(c), d, (size_t)n);
        PyUnicode_1BYTE_DATA(c)[0] = (Py_UCS1)(d[0] - 'a' + 'A');
        *cap = c;
        return 1;
    }
    PyObject *r = PyObject_CallMethod(w, "isalpha", NULL);
    if (r == NULL) return -1;
    int is = PyObject_IsTrue(r);
    Py_DECREF(r);
    if (is <= 0) return is;
    PyObject *low = PyObject_CallMethod(w, "lower", NULL);
    if (low == NULL) return -1;
    is = PyUnicode_Compare(w, low) == 0;
    if (!is) {
        Py_DECREF(low);
        return PyErr_Occurred() ? -1 : 0;
    }
    PyObject *c = PyObject_CallMethod(w, "capitalize", NULL);
    PyObject *clow = c == NULL ? NULL : PyObject_CallMethod(c, "lower", NULL);
    if (clow == NULL) {
        Py_DECREF(low);
        Py_XDECREF(c);
        return -1;
    }
    is = PyUnicode_Compare(low, clow) == 0;
    Py_DECREF(low);
    Py_DECREF(clow);
    if (!is || PyErr_Occurred()) {
        Py_DECREF(c);
        return PyErr_Occurred() ? -1 : 0;
    }
    *cap = c;
    return 1;
}

/* The notes of forget_absent_python: of `missing` (the keys the words file lacks), each lowercase word `w`
 * (absent_word) gets None in `dictionary` under w and w.capitalize(), and None in `fold` under (w, lang); each
 * memo is cleared first where it would hold more than `most` (as kompetens.extract.lemma._remember). 0, or -1
 * with an exception set. */
static int forget_absent(PyObject *missing, PyObject *dictionary, PyObject *fold, PyObject *lang, Py_ssize_t most) {
    Py_ssize_t n = PyList_GET_SIZE(missing), entries = 0;
    PyObject *ws = PyList_New(0), *caps = PyList_New(0);
    int bad = ws == NULL || caps == NULL;
    for (Py_ssize_t i = 0; i < n && !bad; i++) {
        PyObject *w = PyList_GET_ITEM(missing, i), *cap;
        int is = absent_word(w, &cap);
        if (is < 0) bad = 1;
        else if (is) {
            bad = PyList_Append(ws, w) < 0 || PyList_Append(caps, cap) < 0;
            entries += 1 + (PyUnicode_Compare(w, cap) != 0); /* a word with no case is its capitalised form */
            Py_DECREF(cap);
        }
    }
    Py_ssize_t m = bad ? 0 : PyList_GET_SIZE(ws);
    if (m > 0) {
        if (PyDict_GET_SIZE(dictionary) + entries > most) PyDict_Clear(dictionary);
        for (Py_ssize_t i = 0; i < m && !bad; i++)
            bad = PyDict_SetItem(dictionary, PyList_GET_ITEM(ws, i), Py_None) < 0 ||
                  PyDict_SetItem(dictionary, PyList_GET_ITEM(caps, i), Py_None) < 0;
        if (!bad && PyDict_GET_SIZE(fold) + m > most) PyDict_Clear(fold);
        for (Py_ssize_t i = 0; i < m && !bad; i++) {
            PyObject *k = PyTuple_Pack(2, PyList_GET_ITEM(ws, i), lang);
            bad = k == NULL || PyDict_SetItem(fold, k, Py_None) < 0;
            Py_XDECREF(k);
        }
    }
    Py_XDECREF(ws);
    Py_XDECREF(caps);
    return bad ? -1 : 0;
}

/* word_memos(buffer, keys, col, lemmas, zipf_sv, zipf_en[, dictionary, fold, lang, most]) -> [the keys the file
 * lacks]: the words file's rows of
 * `keys` (str; sorted, so that the bisections walk near pages) written straight into the lexicon's memos, as
 * kompetens.extract.lemma._SqliteFactory._prefetch_words writes them from word_rows, without a tuple a row:
 * lemmas[key] = the lemma in column `col` (0 sv, 1 en; the key itself where the row holds none) where the row
 * holds a frequency in some language, else None; zipf_sv[key], zipf_en[key] = the row's frequency, else 0.0.
 * A key the file lacks (or holding a NUL) gets None and 0.0 too, and is returned.
 *
 * The keys are looked up WORDS_BATCH at a time (words_find_many: their bisections side by side), and written in
 * their order. A batch in which something is wrong (a key that is no str or has no UTF-8, a bad offset) is done
 * again a key at a time, so that the memos hold what they held before at the same error.
 *
 * Where `dictionary` and `fold` are given (dicts; `lang` a str, `most` the memos' bound), the keys the file
 * lacks are noted in them after (forget_absent, as the lexicon's _forget_absent: one call, no Python between). */
static PyObject *word_memos(PyObject *self, PyObject *args) {
    PyObject *bufobj, *keys, *memo, *zs[2], *out = NULL, *zero = NULL, *dictionary = NULL, *fold = NULL,
                                                 *lang = NULL;
    int col;
    Py_ssize_t most = -1;
    Py_buffer b = {0};
    if (!PyArg_ParseTuple(args, "OO!iO!O!O!|O!O!O!n", &bufobj, &PyList_Type, &keys, &col, &PyDict_Type, &memo,
                          &PyDict_Type, &zs[0], &PyDict_Type, &zs[1], &PyDict_Type, &dictionary, &PyDict_Type,
                          &fold, &PyUnicode_Type, &lang, &most))
        return NULL;
    if (dictionary != NULL && most < 0) {
        PyErr_SetString(PyExc_TypeError, "word_memos: dictionary, fold, lang and most go together");
        return NULL;
    }
    if (col != 0 && col != 1) {
        PyErr_SetString(PyExc_ValueError, "word_memos: col is 0 or 1");
        return NULL;
    }
    if (PyObject_GetBuffer(bufobj, &b, PyBUF_SIMPLE) < 0) return NULL;
    const unsigned char *base = b.buf;
    Py_ssize_t len = b.len;
    uint32_t n;
    Py_ssize_t offs, recs;
    if (words_header(base, len, "word_memos", &n, &offs, &recs) < 0) goto done;
    const unsigned char *end = base + len;
    zero = PyFloat_FromDouble(0.0);
    out = PyList_New(0);
    if (zero == NULL || out == NULL) goto fail;
    keys = PySequence_List(keys); /* our own list: the batch's keys stay alive while they are read */
    if (keys == NULL) goto fail;
    Py_ssize_t nk = PyList_GET_SIZE(keys);
    for (Py_ssize_t q = 0; q < nk; q += WORDS_BATCH) {
        int m = (int)(nk - q < WORDS_BATCH ? nk - q : WORDS_BATCH), ok = 1;
        const char *ks[WORDS_BATCH];
        Py_ssize_t kls[WORDS_BATCH];
        const unsigned char *found[WORDS_BATCH];
        for (int i = 0; i < m && ok; i++) {
            PyObject *key = PyList_GET_ITEM(keys, q + i);
            const char *k = PyUnicode_Check(key) ? PyUnicode_AsUTF8AndSize(key, &kls[i]) : NULL;
            if (k == NULL) ok = 0;
            else ks[i] = memchr(k, 0, (size_t)kls[i]) == NULL ? k : NULL; /* no word of the file holds a NUL */
        }
        if (ok && words_find_many(base, len, offs, recs, n, ks, kls, m, found, "word_memos") < 0) ok = 0;
        if (ok) {
            for (int i = 0; i < m; i++)
                if (memo_write(PyList_GET_ITEM(keys, q + i), kls[i], found[i], end, col, memo, zs, zero, out) < 0)
                    goto fail_keys;
            continue;
        }
        PyErr_Clear(); /* again a key at a time: the same error at the same key */
        for (int i = 0; i < m; i++) {
            PyObject *key = PyList_GET_ITEM(keys, q + i);
            if (!PyUnicode_Check(key)) {
                PyErr_SetString(PyExc_TypeError, "word_memos: keys must be str");
                goto fail_keys;
            }
            Py_ssize_t kl;
            const char *k = PyUnicode_AsUTF8AndSize(key, &kl);
            if (k == NULL) goto fail_keys;
            const unsigned char *rec = NULL;
            if (memchr(k, 0, (size_t)kl) == NULL
                && words_find(base, len, offs, recs, n, k, kl, "word_memos", &rec) < 0)
                goto fail_keys;
            if (memo_write(key, kl, rec, end, col, memo, zs, zero, out) < 0) goto fail_keys;
        }
    }
    Py_DECREF(keys);
    if (dictionary != NULL && forget_absent(out, dictionary, fold, lang, most) < 0) goto fail;
    goto done;
fail_keys:
    Py_DECREF(keys);
fail:
    Py_CLEAR(out);
done:
    Py_XDECREF(zero);
    PyBuffer_Release(&b);
    return out;
}

/* The Latin-1 test of a text (kompetens.extract.text._latin1_python): its Latin-1 bytes, each code point
 * outside Latin-1 a '?' (what encoding with errors="replace" gives), or None where a word character (a
 * letter, digit or '_': sre's \w) lies outside Latin-1. */
static PyObject *latin1(PyObject *self, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "latin1: a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) return PyBytes_FromStringAndSize((const char *)data, n);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c > 0xff && is_word(c)) Py_RETURN_NONE;
    }
    PyObject *out = PyBytes_FromStringAndSize(NULL, n);
    if (out == NULL) return NULL;
    char *b = PyBytes_AS_STRING(out);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        b[i] = c > 0xff ? '?' : (char)c;
    }
    return out;
}

/* A code point's bucket of 64 (Knuth's multiplicative hash, its top 6 bits): pipeline._letter_bucket */
static inline unsigned letter_bucket(Py_UCS4 c) { return (unsigned)(((uint32_t)c * 2654435761U) >> 26); }

/* fuzzy_counts(choices): each choice's letters per bucket (letter_bucket), 64 bytes a choice, in order;
 * a choice of more than 255 characters has no counts (all 0: fuzzy_reach keeps it). The twin is
 * pipeline._fuzzy_counts_python. */
static PyObject *fuzzy_counts(PyObject *self, PyObject *choices) {
    if (!PyList_Check(choices)) {
        PyErr_SetString(PyExc_TypeError, "fuzzy_counts: a list of str");
        return NULL;
    }
    Py_ssize_t size = PyList_GET_SIZE(choices);
    PyObject *out = PyBytes_FromStringAndSize(NULL, 64 * size);
    if (out == NULL) return NULL;
    unsigned char *counts = (unsigned char *)PyBytes_AS_STRING(out);
    memset(counts, 0, (size_t)(64 * size));
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *choice = PyList_GET_ITEM(choices, i);
        if (!PyUnicode_Check(choice)) {
            PyErr_SetString(PyExc_TypeError, "fuzzy_counts: choices must be str");
            Py_DECREF(out);
            return NULL;
        }
        Py_ssize_t m = PyUnicode_GET_LENGTH(choice);
        if (m > 255) continue;
        int kind = PyUnicode_KIND(choice);
        const void *data = PyUnicode_DATA(choice);
        for (Py_ssize_t k = 0; k < m; k++) counts[64 * i + letter_bucket(PyUnicode_READ(kind, data, k))]++;
    }
    return out;
}

/* fuzzy_reach(word, choices, counts, cutoff): the choices (in order) whose fuzz.ratio with word may reach
 * cutoff; counts is fuzzy_counts(choices). ratio is 200 * lcs / (n + m), and the longest common subsequence
 * holds at most, per bucket of letters, the fewer of the two words' letters in it: a choice is dropped where
 * 200 * that sum < (cutoff - 1e-6) * (n + m), so none whose ratio reaches cutoff is; one of more than 255
 * characters is kept (pipeline._fuzzy_reach_python is the twin). */
static PyObject *fuzzy_reach(PyObject *self, PyObject *args) {
    PyObject *word, *choices;
    Py_buffer counts = {0};
    double cutoff;
    if (!PyArg_ParseTuple(args, "UO!y*d", &word, &PyList_Type, &choices, &counts, &cutoff)) return NULL;
    Py_ssize_t size = PyList_GET_SIZE(choices);
    if (counts.len != 64 * size) {
        PyBuffer_Release(&counts);
        PyErr_SetString(PyExc_ValueError, "fuzzy_reach: counts must be fuzzy_counts(choices)");
        return NULL;
    }
    const unsigned char *hist = (const unsigned char *)counts.buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    Py_ssize_t own[64] = {0};
    unsigned buckets[64];
    int nb = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        unsigned b = letter_bucket(PyUnicode_READ(kind, data, k));
        if (own[b]++ == 0) buckets[nb++] = b; /* the word's buckets, each once */
    }
    /* The word's counts as bytes, capped at 255: a choice's count is at most 255, so each bucket's minimum
     * is the same, and a bucket the word lacks adds 0; the sum over all 64 is the sum over its buckets. */
    unsigned char own8[64];
    for (int b = 0; b < 64; b++) own8[b] = (unsigned char)(own[b] < 255 ? own[b] : 255);
    double need = cutoff - 1e-6;
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        PyBuffer_Release(&counts);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *choice = PyList_GET_ITEM(choices, i);
        if (!PyUnicode_Check(choice)) {
            PyErr_SetString(PyExc_TypeError, "fuzzy_reach: choices must be str");
            goto fail;
        }
        Py_ssize_t m = PyUnicode_GET_LENGTH(choice), common = 0;
        const unsigned char *h = hist + 64 * i;
        if (m <= 255) {
#if defined(__SSE2__) && defined(__x86_64__)
            __m128i sum = _mm_setzero_si128();
            for (int q = 0; q < 64; q += 16) {
                __m128i mins = _mm_min_epu8(_mm_loadu_si128((const __m128i *)(own8 + q)),
                                            _mm_loadu_si128((const __m128i *)(h + q)));
                sum = _mm_add_epi64(sum, _mm_sad_epu8(mins, _mm_setzero_si128()));
            }
            common = (Py_ssize_t)(_mm_cvtsi128_si64(sum) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum)));
#else
            for (int k = 0; k < nb; k++) {
                unsigned b = buckets[k];
                common += own8[b] < h[b] ? own8[b] : h[b];
            }
#endif
        }
        int keep = m > 255 || 200.0 * (double)common >= need * (double)(n + m);
        if (keep && PyList_Append(out, choice) < 0) goto fail;
    }
    PyBuffer_Release(&counts);
    return out;
fail:
    Py_DECREF(out);
    PyBuffer_Release(&counts);
    return NULL;
}

/* fuzzy_best(word, choices, cutoff): the first of the choices whose fuzz.ratio with word is the greatest where
 * it reaches cutoff, else None: what rapidfuzz's process.extractOne(word, choices, scorer=fuzz.ratio,
 * score_cutoff=cutoff) names (rapidfuzz 3: no processor), so that the few choices fuzzy_reach leaves need no
 * rapidfuzz (nor its import). The ratio is 200 * lcs / (n + m) (100 where both are empty), lcs the longest
 * common subsequence of code points; it is compared exactly (products of integers), where rapidfuzz's float
 * steps round: the same wherever a ratio is not exactly the cutoff, and at 88, the pipeline's cutoff, where it
 * is too (pipeline._fuzzy_best_python is the twin). */
static PyObject *fuzzy_best(PyObject *self, PyObject *args) {
    PyObject *word, *choices;
    double cutoff;
    if (!PyArg_ParseTuple(args, "UO!d", &word, &PyList_Type, &choices, &cutoff)) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(word), size = PyList_GET_SIZE(choices);
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    Py_ssize_t row_small[257], *row = row_small; /* the LCS table's row over the word's prefixes */
    if (n + 1 > 257) {
        row = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
        if (row == NULL) return PyErr_NoMemory();
    }
    PyObject *best = NULL;
    long long best_lcs = 0, best_sum = 1; /* the best ratio so far, as 200 * best_lcs / best_sum */
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *choice = PyList_GET_ITEM(choices, i);
        if (!PyUnicode_Check(choice)) {
            if (row != row_small) PyMem_Free(row);
            PyErr_SetString(PyExc_TypeError, "fuzzy_best: choices must be str");
            return NULL;
        }
        Py_ssize_t m = PyUnicode_GET_LENGTH(choice);
        int ckind = PyUnicode_KIND(choice);
        const void *cdata = PyUnicode_DATA(choice);
        for (Py_ssize_t a = 0; a <= n; a++) row[a] = 0;
        for (Py_ssize_t b = 0; b < m; b++) { /* row[a]: the LCS of word[:a] and choice[:b + 1] */
            Py_UCS4 c = PyUnicode_READ(ckind, cdata, b);
            Py_ssize_t diag = 0; /* the LCS of word[:a - 1] and choice[:b] */
            for (Py_ssize_t a = 1; a <= n; a++) {
                Py_ssize_t up = row[a];
                if (PyUnicode_READ(kind, data, a - 1) == c)
                    row[a] = diag + 1;
                else if (row[a - 1] > up)
                    row[a] = row[a - 1];
                diag = up;
            }
        }
        long long lcs = row[n], sum = n + m;
        if (sum == 0) lcs = sum = 1; /* two empty strings: 100 */
        /* 200 * lcs / sum >= cutoff, and above the best so far (the first of equals stays) */
        if (200.0 * (double)lcs >= cutoff * (double)sum && (best == NULL || lcs * best_sum > best_lcs * sum)) {
            best = choice;
            best_lcs = lcs;
            best_sum = sum;
        }
    }
    if (row != row_small) PyMem_Free(row);
    if (best == NULL) Py_RETURN_NONE;
    return Py_NewRef(best);
}

/* A list of ints (ascending offsets) as a C array; -1 with an exception set on failure. */
static Py_ssize_t offsets_of(PyObject *list, Py_ssize_t **out) {
    Py_ssize_t n = PyList_GET_SIZE(list);
    Py_ssize_t *a = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_ssize_t));
    if (a == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        a[i] = PyLong_AsSsize_t(PyList_GET_ITEM(list, i));
        if (a[i] == -1 && PyErr_Occurred()) {
            PyMem_Free(a);
            return -1;
        }
    }
    *out = a;
    return n;
}

/* The layout's content lines, read by the two walks below: the text (its length, kind and data) and the
 * lines' heads and tails (offsets, ascending; PyMem_Free both when done) from the arguments (text, heads, tails). */
typedef struct {
    const void *data;
    int kind;
    Py_ssize_t n;     /* the text's length */
    Py_ssize_t *heads, *tails;
    Py_ssize_t lines; /* how many heads and tails */
} Lines;

static int lines_of(PyObject *args, Lines *l) {
    PyObject *text, *heads_l, *tails_l;
    if (!PyArg_ParseTuple(args, "UO!O!", &text, &PyList_Type, &heads_l, &PyList_Type, &tails_l)) return -1;
    if (PyList_GET_SIZE(heads_l) != PyList_GET_SIZE(tails_l)) {
        PyErr_SetString(PyExc_ValueError, "heads and tails differ in length");
        return -1;
    }
    if ((l->lines = offsets_of(heads_l, &l->heads)) < 0) return -1;
    if (offsets_of(tails_l, &l->tails) < 0) {
        PyMem_Free(l->heads);
        return -1;
    }
    l->n = PyUnicode_GET_LENGTH(text);
    l->kind = PyUnicode_KIND(text);
    l->data = PyUnicode_DATA(text);
    return 0;
}

static inline int opens_sentence(Py_UCS4 c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == 0xC5 || c == 0xC4 || c == 0xD6 || c == 0xC9;
}

/* Where a sentence ends inside a content line (kompetens.layout._sentence_cuts_python): the span (a, b) of
 * the spaces after each match of _SENTENCE_END, [.!?]([^\S\n]+)(?=["“(]?[A-ZÅÄÖÉ0-9]), that lie before the
 * tail of the last line whose head is at or before a. heads, tails: the lines' offsets, ascending. */
static PyObject *sentence_cuts(PyObject *self, PyObject *args) {
    Lines L;
    if (lines_of(args, &L) < 0) return NULL;
    PyObject *out = PyList_New(0);
    Py_ssize_t j = -1; /* the last line whose head is at or before a (a only grows) */
    for (Py_ssize_t i = 0; out != NULL && i + 2 < L.n; i++) {
        Py_UCS4 c = PyUnicode_READ(L.kind, L.data, i);
        if (c != '.' && c != '!' && c != '?') continue;
        Py_ssize_t k = i + 1;
        while (k < L.n && (c = PyUnicode_READ(L.kind, L.data, k)) != '\n' && Py_UNICODE_ISSPACE(c)) k++;
        if (k == i + 1 || k == L.n) continue;
        if (!opens_sentence(c) &&
            !((c == '"' || c == 0x201C || c == '(') && k + 1 < L.n && opens_sentence(PyUnicode_READ(L.kind, L.data, k + 1))))
            continue;
        Py_ssize_t a = i + 1;
        while (j + 1 < L.lines && L.heads[j + 1] <= a) j++;
        if (j >= 0 && k < L.tails[j]) {
            PyObject *cut = Py_BuildValue("(nn)", a, k);
            if (cut == NULL || PyList_Append(out, cut) < 0) Py_CLEAR(out);
            Py_XDECREF(cut);
        }
        i = k - 1; /* the next match starts after this one's spaces */
    }
    PyMem_Free(L.heads);
    PyMem_Free(L.tails);
    return out;
}

/* The content lines that hold one of _MAYBE_LINKS' characters (|·•▪/@) between their head and tail, each
 * once, ascending (kompetens.layout._link_lines_python): the lines worth an is_link_line test. */
static PyObject *link_lines(PyObject *self, PyObject *args) {
    Lines L;
    if (lines_of(args, &L) < 0) return NULL;
    PyObject *out = PyList_New(0);
    Py_ssize_t j = -1, last = -1;
    for (Py_ssize_t i = 0; out != NULL && i < L.n; i++) {
        Py_UCS4 c = PyUnicode_READ(L.kind, L.data, i);
        if (c != '|' && c != '/' && c != '@' && c != 0xB7 && c != 0x2022 && c != 0x25AA) continue;
        while (j + 1 < L.lines && L.heads[j + 1] <= i) j++;
        if (j >= 0 && j != last && i < L.tails[j]) {
            last = j;
            PyObject *line = PyLong_FromSsize_t(j);
            if (line == NULL || PyList_Append(out, line) < 0) Py_CLEAR(out);
            Py_XDECREF(line);
        }
    }
    PyMem_Free(L.heads);
    PyMem_Free(L.tails);
    return out;
}

/* The offsets where one of `literals` (non-empty strs, sorted: those of one first character together) starts
 * in `text`, ascending, each once (kompetens.layout._literal_starts_python): where the about-company pattern
 * may match. A first character below 256 leads to its literals by a table; the others are all tried. */
static PyObject *literal_starts(PyObject *self, PyObject *args) {
    PyObject *text, *lits;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyTuple_Type, &lits)) return NULL;
    Py_ssize_t m = PyTuple_GET_SIZE(lits);
    Py_ssize_t head[256];
    for (int c = 0; c < 256; c++) head[c] = -1;
    int wide = 0; /* a literal whose first character is 256 or more */
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *lit = PyTuple_GET_ITEM(lits, k);
        if (!PyUnicode_Check(lit) || PyUnicode_GET_LENGTH(lit) == 0) {
            PyErr_SetString(PyExc_ValueError, "literal_starts: the literals are non-empty strs");
            return NULL;
        }
        Py_UCS4 first = PyUnicode_READ_CHAR(lit, 0);
        if (first >= 256) wide = 1;
        else if (head[first] < 0) head[first] = k;
        else if (PyUnicode_READ_CHAR(PyTuple_GET_ITEM(lits, k - 1), 0) != first) {
            PyErr_SetString(PyExc_ValueError, "literal_starts: the literals are sorted");
            return NULL;
        }
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        Py_ssize_t k = c < 256 ? head[c] : (wide ? 0 : -1);
        if (k < 0) continue;
        for (; k < m; k++) {
            PyObject *lit = PyTuple_GET_ITEM(lits, k);
            int lk = PyUnicode_KIND(lit);
            const void *ld = PyUnicode_DATA(lit);
            if (PyUnicode_READ(lk, ld, 0) != c) {
                if (c < 256) break; /* past this first character's literals */
                continue;
            }
            Py_ssize_t len = PyUnicode_GET_LENGTH(lit), j = 1;
            if (len > n - i) continue;
            while (j < len && PyUnicode_READ(kind, data, i + j) == PyUnicode_READ(lk, ld, j)) j++;
            if (j == len) {
                PyObject *at = PyLong_FromSsize_t(i);
                if (at == NULL || PyList_Append(out, at) < 0) Py_CLEAR(out);
                Py_XDECREF(at);
                break;
            }
        }
    }
    return out;
}

/* plain_lemma(word, dictionary, fold, zipf_en, lang, endings, rules, restore_from, restore_en_zipf) -> str or None
 *   The lemma kompetens.extract.lemma.Lexicon._lemma gives `word` from the memos' notes alone (its twin and
 *   reference: lemma.plain_lemma_python): a Latin-1 lowercase word of letters whose row the lemma table's memo
 *   `dictionary` notes as None, as written and capitalised, is simplemma's rules' lemma (`rules(word) or word`,
 *   lowered; the word itself where it ends in none of `endings`, a tuple, or None: the rules are asked); where
 *   that is the word, its restored spelling is looked at as Lexicon.restored looks (`restore_from`: the least
 *   length of an ASCII word restored, -1 where none is; `zipf_en` its English frequency, `fold` its restored
 *   spelling under (word, lang)). None wherever a memo does not answer (a key missing) or the word is no such
 *   word: the caller asks as before. */
static PyObject *plain_lemma(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 9) {
        PyErr_SetString(PyExc_TypeError, "plain_lemma: 9 arguments");
        return NULL;
    }
    PyObject *w = args[0], *dictionary = args[1], *fold = args[2], *zipf_en = args[3], *lang = args[4],
             *endings = args[5], *rules = args[6];
    if (!PyUnicode_Check(w) || !PyDict_Check(dictionary) || !PyDict_Check(fold) ||
        (zipf_en != Py_None && !PyDict_Check(zipf_en)) || !PyUnicode_Check(lang) ||
        (endings != Py_None && !PyTuple_Check(endings))) {
        PyErr_SetString(PyExc_TypeError,
                        "plain_lemma: a str, two dicts, a dict or None, a str, a tuple or None, rules, int, float");
        return NULL;
    }
    Py_ssize_t restore_from = PyLong_AsSsize_t(args[7]);
    if (restore_from == -1 && PyErr_Occurred()) return NULL;
    double en_zipf = PyFloat_AsDouble(args[8]);
    if (en_zipf == -1.0 && PyErr_Occurred()) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(w);
    if (n == 0 || PyUnicode_KIND(w) != PyUnicode_1BYTE_KIND) Py_RETURN_NONE;
    const Py_UCS1 *d = PyUnicode_1BYTE_DATA(w);
    int ascii = PyUnicode_IS_ASCII(w);
    for (Py_ssize_t i = 0; i < n; i++) /* letters, each its own lowercase (Latin-1: NFC, no numerals) */
        if (!Py_UNICODE_ISALPHA(d[i]) || Py_UNICODE_TOLOWER(d[i]) != d[i]) Py_RETURN_NONE;
    PyObject *v = PyDict_GetItemWithError(dictionary, w);
    if (v == NULL && PyErr_Occurred()) return NULL;
    if (v != Py_None) Py_RETURN_NONE; /* no note, or a row */
    PyObject *cap;
    if (ascii) { /* a-z */
        cap = PyUnicode_New(n, 127);
        if (cap == NULL) return NULL;
        memcpy(PyUnicode_1BYTE_DATA(cap), d, (size_t)n);
        PyUnicode_1BYTE_DATA(cap)[0] = (Py_UCS1)(d[0] - 'a' + 'A');
    } else if ((cap = PyObject_CallMethod(w, "capitalize", NULL)) == NULL)
        return NULL;
    v = PyDict_GetItemWithError(dictionary, cap);
    Py_DECREF(cap);
    if (v == NULL && PyErr_Occurred()) return NULL;
    if (v != Py_None) Py_RETURN_NONE;
    int ends = 1;
    if (endings != Py_None) {
        ends = 0;
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(endings) && !ends; k++) {
            PyObject *e = PyTuple_GET_ITEM(endings, k);
            if (!PyUnicode_Check(e)) {
                PyErr_SetString(PyExc_TypeError, "plain_lemma: endings hold str");
                return NULL;
            }
            Py_ssize_t r = PyUnicode_Tailmatch(w, e, 0, n, 1);
            if (r < 0) return NULL;
            ends = r > 0;
        }
    }
    PyObject *out;
    if (!ends) {
        out = w;
        Py_INCREF(out);
    } else { /* rules(word) or word, lowered */
        PyObject *r = PyObject_CallOneArg(rules, w);
        if (r == NULL) return NULL;
        int t = PyObject_IsTrue(r);
        if (t < 0) {
            Py_DECREF(r);
            return NULL;
        }
        out = PyObject_CallMethod(t ? r : w, "lower", NULL);
        Py_DECREF(r);
        if (out == NULL) return NULL;
    }
    int same = PyUnicode_Check(out) && PyUnicode_Compare(out, w) == 0;
    if (PyErr_Occurred()) {
        Py_DECREF(out);
        return NULL;
    }
    if (!same || restore_from < 0 || n < restore_from || !ascii) return out;
    /* Lexicon.restored: a frequent English word is not restored; else the fold memo's restored spelling */
    PyObject *z = zipf_en == Py_None ? NULL : PyDict_GetItemWithError(zipf_en, w);
    if (z == NULL) {
        Py_DECREF(out);
        if (PyErr_Occurred()) return NULL;
        Py_RETURN_NONE;
    }
    double zv = PyFloat_AsDouble(z);
    if (zv == -1.0 && PyErr_Occurred()) {
        Py_DECREF(out);
        return NULL;
    }
    if (zv >= en_zipf) return out;
    PyObject *key = PyTuple_Pack(2, w, lang);
    if (key == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    PyObject *f = PyDict_GetItemWithError(fold, key);
    Py_DECREF(key);
    if (f != Py_None) { /* no note (or an error), or a restored spelling: asked as before */
        Py_DECREF(out);
        if (PyErr_Occurred()) return NULL;
        Py_RETURN_NONE;
    }
    return out;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "The word-trie walk (see kompetens.extract.wordtrie.WordTrie.scan)."},
    {"resolve", resolve, METH_O, "Overlap resolution (see kompetens.extract.pipeline._resolve_overlaps)."},
    {"tag_spans", tag_spans, METH_VARARGS, "The span tagger (see kompetens.extract.spans.SpanTagger.find)."},
    {"pool_queries", pool_queries, METH_VARARGS, "Sparse lexical pooling (see kompetens.link.sparse.pool_queries)."},
    {"word_table", word_table, METH_VARARGS, "A word's tagger table from its feature strings (see kompetens.extract.spans.Featurizer.word_table_python)."},
    {"word_row", word_row, METH_VARARGS, "A new word's tagger table (see kompetens.extract.spans.Featurizer.word_table)."},
    {"word_rows_into", word_rows_into, METH_VARARGS, "New words' tagger tables into rows of a table (see kompetens.extract.spans.WordTables.add_many)."},
    {"word_rows", word_rows, METH_VARARGS, "The lexicon's words file's rows of some words (see kompetens.extract.lemma.word_rows_python)."},
    {"word_memos", word_memos, METH_VARARGS, "The lexicon's words file's rows of some words written into its memos (see kompetens.extract.lemma.word_memos_python)."},
    {"latin1", latin1, METH_O, "A text's Latin-1 bytes, or None (see kompetens.extract.text._latin1_python)."},
    {"sentence_cuts", sentence_cuts, METH_VARARGS, "Sentence ends inside lines (see kompetens.layout._sentence_cuts_python)."},
    {"link_lines", link_lines, METH_VARARGS, "Lines that may be bare links (see kompetens.layout._link_lines_python)."},
    {"literal_starts", literal_starts, METH_VARARGS, "Where some literals start (see kompetens.layout._literal_starts_python)."},
    {"fuzzy_reach", fuzzy_reach, METH_VARARGS, "The fuzzy choices a word may reach (see kompetens.extract.pipeline._fuzzy_reach_python)."},
    {"plain_lemma", (PyCFunction)(void (*)(void))plain_lemma, METH_FASTCALL, "An unlisted word's lemma from the lexicon's memos (see kompetens.extract.lemma.plain_lemma_python)."},
    {"fuzzy_best", fuzzy_best, METH_VARARGS, "The fuzzy choice rapidfuzz's extractOne names (see kompetens.extract.pipeline._fuzzy_best_python)."},
    {"fuzzy_counts", fuzzy_counts, METH_O, "The fuzzy choices' letters per bucket (see kompetens.extract.pipeline._fuzzy_counts_python)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods};

/* Raised with every change of a function's arguments or results: kompetens.extract.native uses the C code only
 * when its VERSION is the one the Python code expects, so a stale build (an editable install not rebuilt
 * after an edit) falls back to the Python twins instead of failing. */
#define VERSION 16

PyMODINIT_FUNC PyInit__speedups(void) {
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "VERSION", VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
