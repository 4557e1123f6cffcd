/* The word-trie walk of kompetens.extract.wordtrie in C: WordTrie.scan_python is the reference, and the
 * tests compare the two on random tries and texts. Built with the package where a C compiler is present.
 *
 * scan(pieces, vocab, lemmas, keys, kids, values, floor) -> (hits, cues, lemma_hits)
 *   pieces: list of str (a match line split at single spaces); vocab: dict str -> word id;
 *   lemmas: dict word -> lemma, or None; keys/kids/values: the trie's flat arrays (uint64, uint32, int32);
 *   floor: values from here on are cues. Hits are (start, end, code) tuples ordered by end, then start.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>

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

/* Walk from each piece i < stop along ids; with changed != NULL keep only runs holding a changed piece. */
static int walk(const Trie *t, const long *ids, const char *changed, Py_ssize_t n, Py_ssize_t stop, long floor,
                FoundList *hits, FoundList *cues) {
    for (Py_ssize_t i = 0; i < stop; i++) {
        if (ids[i] < 0) continue;
        uint32_t node = child(t, (uint64_t)ids[i]);
        int holds = changed != NULL && changed[i];
        Py_ssize_t j = i;
        while (node) {
            if ((Py_ssize_t)node >= t->n_nodes) {
                PyErr_SetString(PyExc_ValueError, "corrupt word trie: node out of range");
                return -1;
            }
            long value = t->values[node];
            if (value >= 0) {
                if (changed == NULL) {
                    if (push(value < floor ? hits : cues, i, j, value) < 0) return -1;
                } else if (holds && value < floor) {
                    if (push(hits, i, j, value | 1) < 0) return -1;
                }
            }
            if (++j == n || ids[j] < 0) break;
            if (changed != NULL && changed[j]) holds = 1;
            node = child(t, ((uint64_t)node << 32) | (uint64_t)ids[j]);
        }
    }
    return 0;
}

static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *pieces, *vocab, *lemmas, *result = NULL;
    Py_buffer keys = {0}, kids = {0}, values = {0};
    long floor;
    if (!PyArg_ParseTuple(args, "O!O!Oy*y*y*l", &PyList_Type, &pieces, &PyDict_Type, &vocab, &lemmas, &keys,
                          &kids, &values, &floor))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(pieces);
    Py_ssize_t size = keys.len / (Py_ssize_t)sizeof(uint64_t);
    long *ids = NULL, *lemma_ids = NULL;
    Py_ssize_t *starts = NULL, *lens = NULL;
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
        values.len % (Py_ssize_t)sizeof(int32_t)) {
        PyErr_SetString(PyExc_ValueError, "the trie's arrays do not fit together");
        goto done;
    }
    while (((Py_ssize_t)1 << bits) < size) bits++;
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
    changed = PyMem_Calloc((size_t)(n + 1), 1);
    if (!ids || !lemma_ids || !starts || !lens || !changed) {
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
    if (walk(&t, ids, NULL, n, n, floor, &hits, &cues) < 0) goto done;
    if (last_changed >= 0 && walk(&t, lemma_ids, changed, n, last_changed + 1, floor, &found, NULL) < 0) goto done;
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
    PyBuffer_Release(&keys);
    PyBuffer_Release(&kids);
    PyBuffer_Release(&values);
    return result;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "The word-trie walk (see kompetens.extract.wordtrie.WordTrie.scan)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_wordscan", NULL, -1, methods};

PyMODINIT_FUNC PyInit__wordscan(void) { return PyModule_Create(&module); }
