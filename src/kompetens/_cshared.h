/* What the C walks over a text's postings share: the extraction module's pool_queries
 * (extract/_speedups.c) and quick linking's walk_select (link/_quick.c) take the same query items
 * (kompetens.link.sparse.walk_items) and read them the same way. Included by both (a header only: each
 * module keeps its own static copy). Listed in setup.py's depends and the package data, so an sdist holds it.
 *
 * An item: (part, scale, indptr, docs, weights, doc_map, ids, query_weights, limit)
 *   part: 0 whole words, 1 compound parts, 2 the rest; scale: the query's weight; indptr: int64 (terms + 1),
 *   docs: int32 per posting, weights: float32 per posting, doc_map: None or int64 (the index's documents in
 *   the shared numbering), ids: int64 term ids, query_weights: float32 per id, limit: postings a term may
 *   have and still be read (max_df). */
#ifndef KOMPETENS_CSHARED_H
#define KOMPETENS_CSHARED_H

#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    int part;
    double scale, limit;
    Py_buffer ip, dc, wt, mp, ids, qw;
    Py_ssize_t n_ids, n_post, n_terms, n_map;
    const int64_t *indptr, *tid, *dmap; /* dmap: NULL without a doc_map */
    const int32_t *docs;
    const float *w, *q;
} walk_item;

static void walk_item_release(walk_item *it) {
    PyBuffer_Release(&it->ip); PyBuffer_Release(&it->dc); PyBuffer_Release(&it->wt); PyBuffer_Release(&it->ids);
    PyBuffer_Release(&it->qw);
    if (it->mp.obj) PyBuffer_Release(&it->mp);
}

/* Parses and checks one item (`fn` names the caller in the errors): 0, or -1 with an exception set and
 * nothing held. Release a parsed item with walk_item_release. */
static int walk_item_parse(PyObject *item, walk_item *it, const char *fn) {
    PyObject *map_obj;
    memset(it, 0, sizeof(*it));
    if (!PyArg_ParseTuple(item, "idy*y*y*Oy*y*d", &it->part, &it->scale, &it->ip, &it->dc, &it->wt, &map_obj,
                          &it->ids, &it->qw, &it->limit))
        return -1;
    if (map_obj != Py_None && PyObject_GetBuffer(map_obj, &it->mp, PyBUF_SIMPLE) < 0) {
        walk_item_release(it);
        return -1;
    }
    it->n_ids = it->ids.len / 8;
    it->n_post = it->dc.len / 4;
    it->n_terms = it->ip.len / 8 - 1;
    it->n_map = it->mp.len / 8;
    it->indptr = it->ip.buf;
    it->tid = it->ids.buf;
    it->dmap = it->mp.obj ? it->mp.buf : NULL;
    it->docs = it->dc.buf;
    it->w = it->wt.buf;
    it->q = it->qw.buf;
    if (it->part < 0 || it->part > 2 || it->qw.len / 4 != it->n_ids || it->wt.len / 4 != it->n_post) {
        PyErr_Format(PyExc_ValueError, "%s: a malformed query", fn);
        walk_item_release(it);
        return -1;
    }
    return 0;
}

/* The postings [*a, *b) of the item's t-th term, checked: 0, or -1 with an exception set. */
static int walk_item_term(const walk_item *it, Py_ssize_t t, int64_t *a, int64_t *b, const char *fn) {
    int64_t id = it->tid[t];
    if (id < 0 || id >= it->n_terms) {
        PyErr_Format(PyExc_ValueError, "%s: a term out of range", fn);
        return -1;
    }
    *a = it->indptr[id];
    *b = it->indptr[id + 1];
    if (*a < 0 || *b > it->n_post || *a > *b) {
        PyErr_Format(PyExc_ValueError, "%s: postings out of range", fn);
        return -1;
    }
    return 0;
}

#endif
