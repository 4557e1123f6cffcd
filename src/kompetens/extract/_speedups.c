/* Two hot loops of extraction in C, each with its Python twin as reference and fallback (the tests compare
 * them on random input). Built with the package where a C compiler is present.
 *
 * The word-trie walk of kompetens.extract.wordtrie (WordTrie.scan_python):
 * scan(pieces, vocab, lemmas, root, keys, kids, values, depth, floor) -> (hits, cues, lemma_hits)
 *   pieces: list of str (a match line split at single spaces); vocab: dict str -> word id;
 *   lemmas: dict word -> lemma, or None; root: the root's child per word id (uint32, 0 for none);
 *   keys/kids/values: the trie's flat arrays (uint64, uint32, int32); depth: the most words in a key;
 *   floor: values from here on are cues. Hits are (start, end, code) tuples ordered by end, then start.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "The word-trie walk (see kompetens.extract.wordtrie.WordTrie.scan)."},
    {"resolve", resolve, METH_O, "Overlap resolution (see kompetens.extract.pipeline._resolve_overlaps)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods};

/* Raised with every change of a function's arguments or results: kompetens.extract.native uses the C code only
 * when its VERSION is the one the Python code expects, so a stale build (an editable install not rebuilt
 * after an edit) falls back to the Python twins instead of failing. */
#define VERSION 1

PyMODINIT_FUNC PyInit__speedups(void) {
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "VERSION", VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
