/* Quick linking's hot steps in C (kompetens.link.linker.Linker.link_quick), each with its Python twin as
 * reference and fallback (tests/link/test_link_quick_c.py compares them). Built with the package where a C
 * compiler is present; the arithmetic is the twins' own, in the same order and in float32 where theirs is,
 * so the scores are the same to the bit.
 *
 * walk_select(items, doc_group, cells, gbest, gseen, w_cov, w_part, boosts, mask[, label_mask]) -> (groups, scores)
 *   The walk of kompetens.link.sparse.pool_queries (the same items, scratch and result: each concept group the
 *   term queries reach with its best fused label score, in the order first met), then what link_quick does
 *   with it in numpy (Linker._select_python): boosts (dict group -> float: the tool, term and exact-label
 *   boosts) added, each as float32, to the group's score (0 for a group the walk did not reach), the groups
 *   then in ascending order (numpy's unique); then only the groups whose mask (uint8 per group: the link
 *   kind's) is set, in that order. groups: bytes of int64, scores: a bytearray of float32 (writable).
 *   doc_group may also be int32 (Scratch.doc_group32: the pooling reads it at random, half the memory).
 *   label_mask (uint8 per label: mask[doc_group], stop 41): a posting of a label whose group the mask drops
 *   is skipped as it is read, so that label is neither summed nor pooled. The same result: such a group is
 *   never output, and the kept groups keep their scores and their order (first met, or ascending).
 *
 * static_add(score, sims, members, allowed, with_vec, mean, std, w)
 *   The per-text end of Linker._add_static_quick (``_static_add_python``): score (float32, writable, one per
 *   candidate) += w * nan_to_num((pooled - mean) / std), pooled the best of each candidate's vector rows'
 *   similarities (sims: float32, rows with vectors x width, members: their int64 vector rows), only the
 *   allowed rows counting where allowed (uint8 per vector row) is given (NaN where none is), and 0 for a
 *   candidate without vectors (with_vec: uint8 per candidate). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../_cshared.h" /* the query items of walk_select, shared with extract/_speedups.c */

#define VERSION 4

static int by_value(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static PyObject *walk_select(PyObject *self, PyObject *args) {
    PyObject *items, *boosts;
    double w_cov, w_part;
    Py_buffer dgroup = {0}, dcells = {0}, gbest = {0}, gseen = {0}, mask = {0}, lmask = {0};
    if (!PyArg_ParseTuple(args, "O!y*w*w*w*ddO!y*|y*", &PyList_Type, &items, &dgroup, &dcells, &gbest, &gseen,
                          &w_cov, &w_part, &PyDict_Type, &boosts, &mask, &lmask))
        return NULL;
    PyObject *out = NULL, *gbytes = NULL, *sbytes = NULL;
    int32_t *touched = NULL;
    int64_t *groups = NULL;
    Py_ssize_t n_touched = 0, n_cleared = 0, cap = 16384, n_groups_out = 0;
    Py_ssize_t n_docs = dcells.len / 16, n_groups = gseen.len;
    Py_ssize_t n_boosts = PyDict_GET_SIZE(boosts);
    /* doc_group: int64 as the linker keeps it, or int32 (half the memory the pooling reads at random) */
    int wide = dgroup.len == n_docs * 8;
    if ((!wide && dgroup.len != n_docs * 4) || dcells.len != 16 * n_docs || n_docs >= INT32_MAX ||
        gbest.len != n_groups * 4 || mask.len != n_groups || (lmask.buf != NULL && lmask.len != n_docs)) {
        PyErr_SetString(PyExc_ValueError, "walk_select: scratch sizes do not match");
        goto done;
    }
    const int64_t *group64 = dgroup.buf;
    const int32_t *group32 = dgroup.buf;
    float *cells = dcells.buf;
    unsigned char *gs = gseen.buf;
    const unsigned char *keep = mask.buf;
    const unsigned char *lkeep = lmask.buf; /* optional: the labels whose group the mask keeps */
    float *best = gbest.buf;
    touched = PyMem_Malloc(sizeof(int32_t) * (size_t)cap);
    if (touched == NULL) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(items); k++) {
        walk_item it;
        if (walk_item_parse(PyList_GET_ITEM(items, k), &it, "walk_select") < 0) goto done;
        int ok = 1;
        const int32_t *docs = it.docs;
        const int64_t *dmap = it.dmap;
        const float *w = it.w, *q = it.q;
        Py_ssize_t n_map = it.n_map;
        int part = it.part;
        double scale = it.scale, limit = it.limit;
        for (Py_ssize_t t = 0; ok && t < it.n_ids; t++) {
            int64_t a, b;
            if (walk_item_term(&it, t, &a, &b, "walk_select") < 0) {
                ok = 0;
                break;
            }
            if ((double)(b - a) > limit) continue;
            double f = (double)q[t] * scale;
            if (n_touched + (b - a) > cap) {
                Py_ssize_t want = cap;
                while (n_touched + (b - a) > want) want *= 2;
                int32_t *more = PyMem_Realloc(touched, sizeof(int32_t) * (size_t)want);
                if (more == NULL) { PyErr_NoMemory(); ok = 0; break; }
                touched = more;
                cap = want;
            }
            for (int64_t j = a; j < b; j++) {
                if (!dmap && j + 12 < b) __builtin_prefetch(cells + 4 * (int64_t)docs[j + 12], 1, 3);
                int64_t d = docs[j];
                if (dmap) d = (d >= 0 && d < n_map) ? dmap[d] : -1;
                if (d < 0 || d >= n_docs) {
                    PyErr_SetString(PyExc_ValueError, "walk_select: a document out of range");
                    ok = 0;
                    break;
                }
                if (lkeep && !lkeep[d]) continue; /* a label of a group the mask drops: never output */
                float *cell = cells + 4 * d;
                touched[n_touched] = (int32_t)d;
                n_touched += cell[3] == 0.0f;
                cell[3] = 1.0f;
                cell[part] += (float)((double)w[j] * f);
            }
        }
        walk_item_release(&it);
        if (!ok) goto done;
    }
    groups = PyMem_Malloc(sizeof(int64_t) * (size_t)(n_touched + n_boosts + 1));
    if (groups == NULL) { PyErr_NoMemory(); goto done; }
    /* each touched label's fused score into its group's best, its cell zeroed as it is read */
    for (Py_ssize_t k = 0; k < n_touched; k++) {
        if (k + 8 < n_touched) {
            int64_t ahead = touched[k + 8];
            __builtin_prefetch(cells + 4 * ahead, 1, 3);
            __builtin_prefetch(wide ? (const void *)(group64 + ahead) : (const void *)(group32 + ahead), 0, 3);
        }
        int64_t d = touched[k], g = wide ? group64[d] : group32[d];
        float *cell = cells + 4 * d;
        double whole = cell[0], parts = cell[1], rest = cell[2];
        float score = (float)(whole + w_cov * (whole > 0 ? parts : w_part * parts) + rest);
        cell[0] = cell[1] = cell[2] = cell[3] = 0.0f;
        n_cleared = k + 1;
        if (g < 0 || g >= n_groups) {
            PyErr_SetString(PyExc_ValueError, "walk_select: a concept group out of range");
            goto done;
        }
        int first = !gs[g];
        groups[n_groups_out] = g;
        n_groups_out += first;
        gs[g] = 1;
        best[g] = (first || score > best[g]) ? score : best[g];
    }
    if (n_boosts) {
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(boosts, &pos, &key, &value)) {
            long long g = PyLong_AsLongLong(key);
            double add = PyFloat_AsDouble(value);
            if (PyErr_Occurred()) goto done;
            if (g < 0 || g >= n_groups) {
                PyErr_SetString(PyExc_ValueError, "walk_select: a boosted group out of range");
                goto done;
            }
            if (!gs[g]) {
                gs[g] = 1;
                best[g] = 0.0f;
                groups[n_groups_out++] = g;
            }
            best[g] = best[g] + (float)add;
        }
        /* ascending, as numpy's unique leaves them: a few groups sorted, many read off the marks in order */
        if (n_groups_out < n_groups / 64) {
            qsort(groups, (size_t)n_groups_out, sizeof(int64_t), by_value);
        } else {
            Py_ssize_t at = 0;
            for (Py_ssize_t g = 0; g < n_groups; g++) {
                if (gs[g]) groups[at++] = g;
            }
        }
    }
    {
        Py_ssize_t n_kept = 0;
        for (Py_ssize_t k = 0; k < n_groups_out; k++) n_kept += keep[groups[k]] != 0;
        gbytes = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(sizeof(int64_t) * (size_t)n_kept));
        sbytes = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(sizeof(float) * (size_t)n_kept));
        if (gbytes == NULL || sbytes == NULL) goto done;
        int64_t *go = (int64_t *)PyBytes_AS_STRING(gbytes);
        float *so = (float *)PyByteArray_AS_STRING(sbytes);
        Py_ssize_t at = 0;
        for (Py_ssize_t k = 0; k < n_groups_out; k++) {
            int64_t g = groups[k];
            if (keep[g]) {
                go[at] = g;
                so[at] = best[g];
                at++;
            }
        }
    }
    out = PyTuple_Pack(2, gbytes, sbytes);
done:
    if (touched) { /* what the pooling did not reach (an error) */
        for (Py_ssize_t k = n_cleared; k < n_touched; k++) {
            float *cell = (float *)dcells.buf + 4 * touched[k];
            cell[0] = cell[1] = cell[2] = cell[3] = 0.0f;
        }
    }
    if (groups) {
        for (Py_ssize_t k = 0; k < n_groups_out; k++) ((unsigned char *)gseen.buf)[groups[k]] = 0;
    }
    PyMem_Free(touched);
    PyMem_Free(groups);
    Py_XDECREF(gbytes);
    Py_XDECREF(sbytes);
    PyBuffer_Release(&dgroup); PyBuffer_Release(&dcells); PyBuffer_Release(&gbest); PyBuffer_Release(&gseen);
    PyBuffer_Release(&mask);
    if (lmask.buf) PyBuffer_Release(&lmask);
    return out;
}

static PyObject *static_add(PyObject *self, PyObject *args) {
    Py_buffer score = {0}, sims = {0}, members = {0}, with_vec = {0}, allowed = {0};
    PyObject *allowed_obj;
    double mean_d, std_d, w_d;
    if (!PyArg_ParseTuple(args, "w*y*y*Oy*ddd", &score, &sims, &members, &allowed_obj, &with_vec, &mean_d,
                          &std_d, &w_d))
        return NULL;
    PyObject *out = NULL;
    if (allowed_obj != Py_None && PyObject_GetBuffer(allowed_obj, &allowed, PyBUF_SIMPLE) < 0) goto done;
    Py_ssize_t n = score.len / 4, m = 0, n_sims = sims.len / 4;
    const unsigned char *has = with_vec.buf;
    if (with_vec.len != n || members.len != 8 * n_sims) {
        PyErr_SetString(PyExc_ValueError, "static_add: sizes do not match");
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) m += has[i] != 0;
    if ((m == 0 && n_sims != 0) || (m > 0 && n_sims % m != 0)) {
        PyErr_SetString(PyExc_ValueError, "static_add: sizes do not match");
        goto done;
    }
    {
        Py_ssize_t width = m ? n_sims / m : 0;
        const float *s = sims.buf;
        const int64_t *mem = members.buf;
        const unsigned char *ok = allowed.obj ? allowed.buf : NULL;
        if (ok) {
            for (Py_ssize_t k = 0; k < n_sims; k++) {
                if (mem[k] < 0 || mem[k] >= allowed.len) {
                    PyErr_SetString(PyExc_ValueError, "static_add: a vector row out of range");
                    goto done;
                }
            }
        }
        float mean = (float)mean_d, std = (float)std_d, w = (float)w_d;
        float *sc = score.buf;
        Py_ssize_t row = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            float pooled = 0.0f;
            if (has[i]) {
                float top = -INFINITY;
                for (Py_ssize_t j = 0; j < width; j++) {
                    Py_ssize_t k = row * width + j;
                    float v = (ok == NULL || ok[mem[k]]) ? s[k] : -INFINITY;
                    if (v > top) top = v;
                }
                pooled = (ok != NULL && top == -INFINITY) ? NAN : top;
                row++;
            }
            float z = (pooled - mean) / std;
            if (isnan(z)) z = 0.0f;
            else if (isinf(z)) z = z > 0 ? FLT_MAX : -FLT_MAX;
            sc[i] = sc[i] + w * z;
        }
    }
    out = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&score); PyBuffer_Release(&sims); PyBuffer_Release(&members); PyBuffer_Release(&with_vec);
    if (allowed.obj) PyBuffer_Release(&allowed);
    return out;
}

/* numpy's float32 sum of n values (pairwise_sum in numpy/_core/src/umath/loops_utils.h.src): blocks of up to
 * 128 in eight running sums, halves above that; np.sum(axis=1) of a row is 0 + this. */
static float pairwise_sum(const float *a, Py_ssize_t n) {
    if (n < 8) {
        float res = 0.0f;
        for (Py_ssize_t i = 0; i < n; i++) res += a[i];
        return res;
    }
    if (n <= 128) {
        float r[8];
        Py_ssize_t i;
        for (int j = 0; j < 8; j++) r[j] = a[j];
        for (i = 8; i < n - (n % 8); i += 8) {
            for (int j = 0; j < 8; j++) r[j] += a[i + j];
        }
        float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) res += a[i];
        return res;
    }
    Py_ssize_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

static PyObject *probe_stats(PyObject *self, PyObject *args) {
    Py_buffer prod = {0}, members = {0}, has = {0}, allowed = {0};
    PyObject *allowed_obj;
    Py_ssize_t k;
    if (!PyArg_ParseTuple(args, "y*y*Oy*n", &prod, &members, &allowed_obj, &has, &k)) return NULL;
    PyObject *out = NULL, *mean_b = NULL, *std_b = NULL;
    float *row = NULL;
    if (allowed_obj != Py_None && PyObject_GetBuffer(allowed_obj, &allowed, PyBUF_SIMPLE) < 0) goto done;
    Py_ssize_t n_probe = has.len, n_mem = members.len / 8, n_with = 0;
    const unsigned char *hv = has.buf;
    for (Py_ssize_t p = 0; p < n_probe; p++) n_with += hv[p] != 0;
    if (k < 0 || members.len != 8 * n_mem || (n_with == 0 && n_mem != 0) || (n_with > 0 && n_mem % n_with != 0) ||
        prod.len != 4 * k * n_mem) {
        PyErr_SetString(PyExc_ValueError, "probe_stats: sizes do not match");
        goto done;
    }
    Py_ssize_t width = n_with ? n_mem / n_with : 0;
    const int64_t *mem = members.buf;
    const unsigned char *ok = allowed.obj ? allowed.buf : NULL;
    if (ok) {
        for (Py_ssize_t m = 0; m < n_mem; m++) {
            if (mem[m] < 0 || mem[m] >= allowed.len) {
                PyErr_SetString(PyExc_ValueError, "probe_stats: a vector row out of range");
                goto done;
            }
        }
    }
    mean_b = PyBytes_FromStringAndSize(NULL, 4 * k);
    std_b = PyBytes_FromStringAndSize(NULL, 4 * k);
    row = PyMem_Malloc(sizeof(float) * (size_t)(2 * n_probe + 1));
    if (mean_b == NULL || std_b == NULL) goto done;
    if (row == NULL) { PyErr_NoMemory(); goto done; }
    float *means = (float *)PyBytes_AS_STRING(mean_b), *stds = (float *)PyBytes_AS_STRING(std_b);
    float *dev = row + n_probe;
    const float *s = prod.buf;
    for (Py_ssize_t r = 0; r < k; r++) {
        /* the row's pooled similarity per probe concept (0 without vectors, NaN without an allowed one), NaN
           read as 0 with a count of the others, as np.nanmean and np.nanstd read them */
        Py_ssize_t cnt = 0, at = 0;
        const float *sr = s + r * n_mem;
        for (Py_ssize_t p = 0; p < n_probe; p++) {
            float v = 0.0f;
            int nan = 0;
            if (hv[p]) {
                float top = -INFINITY;
                for (Py_ssize_t j = 0; j < width; j++) {
                    Py_ssize_t m = at * width + j;
                    float x = (ok == NULL || ok[mem[m]]) ? sr[m] : -INFINITY;
                    if (x > top) top = x;
                }
                at++;
                if (ok != NULL && top == -INFINITY) nan = 1;
                else v = top;
            }
            row[p] = nan ? 0.0f : v;
            dev[p] = nan ? NAN : 0.0f; /* a mark: NaN where the value is missing */
            cnt += !nan;
        }
        float tot = 0.0f + pairwise_sum(row, n_probe);
        float avg = (float)((double)tot / (double)cnt);
        for (Py_ssize_t p = 0; p < n_probe; p++) {
            float d = isnan(dev[p]) ? 0.0f : row[p] - avg;
            dev[p] = d * d;
        }
        float var = 0.0f + pairwise_sum(dev, n_probe);
        var = cnt > 0 ? (float)((double)var / (double)cnt) : NAN;
        float sd = sqrtf(var);
        means[r] = avg;
        stds[r] = sd > 0 ? sd : 1.0f;
    }
    out = PyTuple_Pack(2, mean_b, std_b);
done:
    PyMem_Free(row);
    Py_XDECREF(mean_b);
    Py_XDECREF(std_b);
    PyBuffer_Release(&prod); PyBuffer_Release(&members); PyBuffer_Release(&has);
    if (allowed.obj) PyBuffer_Release(&allowed);
    return out;
}

/* An id set by open addressing, for the walks below that keep a query's distinct ids in the order first met:
 * id_table(n, &size) allocates a table for up to n ids (size: a power of two, at least 16 and 2n; every key
 * -1, empty), NULL where memory runs out; id_slot(keys, size, id, &fresh) is id's slot (linear probing from
 * a Fibonacci hash), taken for it where it was empty, which *fresh then says. */
static int64_t *id_table(Py_ssize_t n, Py_ssize_t *size) {
    Py_ssize_t s = 16;
    while (s < 2 * n) s *= 2;
    int64_t *keys = PyMem_Malloc(sizeof(int64_t) * (size_t)s);
    if (keys != NULL)
        for (Py_ssize_t i = 0; i < s; i++) keys[i] = -1;
    *size = s;
    return keys;
}

static inline Py_ssize_t id_slot(int64_t *keys, Py_ssize_t size, int64_t id, int *fresh) {
    size_t h = ((uint64_t)id * 0x9E3779B97F4A7C15ULL) >> 32;
    Py_ssize_t at = (Py_ssize_t)(h & (size_t)(size - 1));
    while (keys[at] != -1 && keys[at] != id) at = (at + 1) & (size - 1);
    *fresh = keys[at] == -1;
    if (*fresh) keys[at] = id;
    return at;
}

/* tfidf_weights(ids, idf, logtab) -> (ids, weights) or None
 *   The term query of a text's character n-gram ids (a list of ints, or of lists of ints: each word's, read
 *   one after another; repeats counted) under an index's tfidf scheme, before its norm
 *   (InvertedIndex._weighted): the distinct ids in the order first met (bytes of int64) and each one's
 *   (1 + log tf) x idf in float32 (a bytearray: the caller divides it by the norm in place), log tf read from
 *   logtab (numpy's float32 log of 1, 2, ...: the same values); None where a count is beyond the table. */
static PyObject *tfidf_weights(PyObject *self, PyObject *args) {
    PyObject *ids;
    Py_buffer idf = {0}, logtab = {0};
    if (!PyArg_ParseTuple(args, "O!y*y*", &PyList_Type, &ids, &idf, &logtab)) return NULL;
    PyObject *out = NULL, *ibytes = NULL, *wbytes = NULL;
    Py_ssize_t n_items = PyList_GET_SIZE(ids), n = 0, n_terms = idf.len / 4, n_log = logtab.len / 4, size;
    for (Py_ssize_t i = 0; i < n_items; i++) {
        PyObject *item = PyList_GET_ITEM(ids, i);
        n += PyList_Check(item) ? PyList_GET_SIZE(item) : 1;
    }
    int64_t *keys = id_table(n, &size);
    Py_ssize_t *slot = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)size);
    int64_t *order = PyMem_Malloc(sizeof(int64_t) * (size_t)(n + 1));
    Py_ssize_t *count = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n + 1));
    Py_ssize_t n_distinct = 0;
    if (keys == NULL || slot == NULL || order == NULL || count == NULL) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t i = 0, n_read = 0; i < n_items; i++) {
        PyObject *item = PyList_GET_ITEM(ids, i);
        int nested = PyList_Check(item);
        Py_ssize_t m = nested ? PyList_GET_SIZE(item) : 1;
        for (Py_ssize_t j = 0; j < m; j++) {
            PyObject *one = nested ? PyList_GET_ITEM(item, j) : item;
            if (!PyLong_Check(one) || n_read++ >= n) { /* ints only: no Python code runs while the lists are read */
                PyErr_SetString(PyExc_TypeError, "tfidf_weights: the ids must be ints or lists of ints");
                goto done;
            }
            long long id = PyLong_AsLongLong(one);
            if (id == -1 && PyErr_Occurred()) goto done;
            if (id < 0 || id >= n_terms) {
                PyErr_SetString(PyExc_ValueError, "tfidf_weights: a term out of range");
                goto done;
            }
            int fresh;
            Py_ssize_t at = id_slot(keys, size, id, &fresh);
            if (fresh) {
                slot[at] = n_distinct;
                order[n_distinct] = id;
                count[n_distinct] = 0;
                n_distinct++;
            }
            count[slot[at]]++;
        }
    }
    for (Py_ssize_t k = 0; k < n_distinct; k++) {
        if (count[k] > n_log) {
            out = Py_NewRef(Py_None);
            goto done;
        }
    }
    ibytes = PyBytes_FromStringAndSize(NULL, 8 * n_distinct);
    wbytes = PyByteArray_FromStringAndSize(NULL, 4 * n_distinct);
    if (ibytes == NULL || wbytes == NULL) goto done;
    {
        int64_t *io = (int64_t *)PyBytes_AS_STRING(ibytes);
        float *wo = (float *)PyByteArray_AS_STRING(wbytes);
        const float *lg = logtab.buf, *df = idf.buf;
        for (Py_ssize_t k = 0; k < n_distinct; k++) {
            io[k] = order[k];
            wo[k] = (1.0f + lg[count[k] - 1]) * df[order[k]];
        }
    }
    out = PyTuple_Pack(2, ibytes, wbytes);
done:
    PyMem_Free(keys);
    PyMem_Free(slot);
    PyMem_Free(order);
    PyMem_Free(count);
    Py_XDECREF(ibytes);
    Py_XDECREF(wbytes);
    PyBuffer_Release(&idf);
    PyBuffer_Release(&logtab);
    return out;
}

/* distinct_ids(terms, vocab) -> bytes of int64
 *   The ids of the known ones of terms (a list of str; vocab: a dict str -> int, an index's), each once, in
 *   the order first met: the term ids of InvertedIndex.query_weights (a Counter of the look-ups, None
 *   dropped). */
static PyObject *distinct_ids(PyObject *self, PyObject *args) {
    PyObject *terms, *vocab;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &terms, &PyDict_Type, &vocab)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(terms), size, n_out = 0;
    int64_t *keys = id_table(n, &size);
    int64_t *order = PyMem_Malloc(sizeof(int64_t) * (size_t)(n + 1));
    PyObject *out = NULL;
    if (keys == NULL || order == NULL) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t i = 0; i < n && i < PyList_GET_SIZE(terms); i++) {
        PyObject *term = PyList_GET_ITEM(terms, i);
        if (!PyUnicode_CheckExact(term)) { /* a str's hash and equality run no Python code */
            PyErr_SetString(PyExc_TypeError, "distinct_ids: the terms must be str");
            goto done;
        }
        PyObject *found = PyDict_GetItemWithError(vocab, term);
        if (found == NULL) {
            if (PyErr_Occurred()) goto done;
            continue;
        }
        long long id = PyLong_AsLongLong(found);
        if (id == -1 && PyErr_Occurred()) goto done;
        if (id < 0) {
            PyErr_SetString(PyExc_ValueError, "distinct_ids: a negative id");
            goto done;
        }
        int fresh;
        id_slot(keys, size, id, &fresh);
        if (fresh) order[n_out++] = id;
    }
    out = PyBytes_FromStringAndSize((const char *)order, (Py_ssize_t)(sizeof(int64_t) * (size_t)n_out));
done:
    PyMem_Free(keys);
    PyMem_Free(order);
    return out;
}

/* gram_ids(word, vocabs) -> list of lists of int
 *   The character n-grams of one word as kompetens.link.text.char_ngrams([word]) makes them (" word " padded;
 *   its 3-, 4- and 5-grams in that order; the padded word itself where it is 3 characters or fewer) looked up
 *   in each of vocabs (a list of dicts: an index's n-gram -> id): per vocab, the ids of the known ones in
 *   order, repeats kept (InvertedIndex.known_ids). Each n-gram is made once for all vocabs. */
static PyObject *gram_ids(PyObject *self, PyObject *args) {
    PyObject *word, *vocabs;
    if (!PyArg_ParseTuple(args, "UO!", &word, &PyList_Type, &vocabs)) return NULL;
    Py_ssize_t n_v = PyList_GET_SIZE(vocabs);
    for (Py_ssize_t v = 0; v < n_v; v++) {
        if (!PyDict_Check(PyList_GET_ITEM(vocabs, v))) {
            PyErr_SetString(PyExc_TypeError, "gram_ids: each vocab must be a dict");
            return NULL;
        }
    }
    PyObject *padded = PyUnicode_FromFormat(" %U ", word);
    if (padded == NULL) return NULL;
    PyObject *out = PyList_New(n_v);
    if (out == NULL) { Py_DECREF(padded); return NULL; }
    for (Py_ssize_t v = 0; v < n_v; v++) {
        PyObject *found = PyList_New(0);
        if (found == NULL) goto fail;
        PyList_SET_ITEM(out, v, found);
    }
    Py_ssize_t len = PyUnicode_GET_LENGTH(padded);
    for (int size = 3; size <= 5; size++) {
        Py_ssize_t n_grams = len <= 3 ? (size == 3) : len - size + 1; /* a short word: itself, once */
        for (Py_ssize_t i = 0; i < n_grams; i++) {
            PyObject *gram = len <= 3 ? Py_NewRef(padded) : PyUnicode_Substring(padded, i, i + size);
            if (gram == NULL) goto fail;
            for (Py_ssize_t v = 0; v < n_v; v++) {
                PyObject *id = PyDict_GetItemWithError(PyList_GET_ITEM(vocabs, v), gram);
                if ((id == NULL && PyErr_Occurred()) || (id != NULL && PyList_Append(PyList_GET_ITEM(out, v), id) < 0)) {
                    Py_DECREF(gram);
                    goto fail;
                }
            }
            Py_DECREF(gram);
        }
    }
    Py_DECREF(padded);
    return out;
fail:
    Py_DECREF(padded);
    Py_DECREF(out);
    return NULL;
}

/* gloss_query(tokens, own, extra, token_keys, table) -> (ids, weights, best, found) or (missing tokens, missing keys)
 *   The cov query of a text's English gloss (Linker._translated) read from per-word tables: each of `own` (the
 *   text's tagged terms, "lang:lemma", at weight 1) and then of `extra` (a dict term -> float: the synonyms'
 *   terms at their weights) is keyed by its lemma (the part after the first ':'), or by what `token_keys` says
 *   for that lemma: token_keys (None: no keying) maps each of `tokens` to None or (folded lemma, table key),
 *   and a lemma equal to a folded lemma takes the key of the last token that gives it (the dict `keyed` of
 *   _translated). `table` maps a key to (best, ids, shares): the key's translations (Linker._translations_of)
 *   as the first target's word (None where it has none), the targets' term ids in the words index (bytes of
 *   int64, -1 where the index lacks the term) and their weights (bytes of float64). Each target keeps the
 *   largest share x weight above 0 (a double, as Python's), the targets in the order first given one:
 *   ids (bytes of int64, the index's known targets), weights (a bytearray of float32), best (the best
 *   targets' words of the own terms whose key has translations, in order) and found (whether any target, known
 *   or not, got a weight: _translated's `found` is not empty). Where a token has no entry in token_keys, or a
 *   key none in table, nothing is computed: the lists of those missing tokens, or else keys, come back for the
 *   caller to fill the tables (quick.gloss_query_python is the twin). */
static PyObject *gloss_query(PyObject *self, PyObject *args) {
    PyObject *tokens, *own, *extra, *token_keys, *table;
    if (!PyArg_ParseTuple(args, "O!O!OOO!", &PyList_Type, &tokens, &PyList_Type, &own, &extra, &token_keys,
                          &PyDict_Type, &table))
        return NULL;
    if ((extra != Py_None && !PyDict_Check(extra)) || (token_keys != Py_None && !PyDict_Check(token_keys))) {
        PyErr_SetString(PyExc_TypeError, "gloss_query: extra and token_keys must be dicts or None");
        return NULL;
    }
    Py_ssize_t n_tok = PyList_GET_SIZE(tokens), n_own = PyList_GET_SIZE(own);
    Py_ssize_t n_extra = extra == Py_None ? 0 : PyDict_GET_SIZE(extra);
    PyObject *out = NULL, *missing_tokens = NULL, *missing_keys = NULL, *best = NULL;
    PyObject **folded = NULL, **keyof = NULL; /* borrowed: held by token_keys' tuples */
    int64_t *keys = NULL, *order = NULL;
    double *value = NULL;
    Py_ssize_t *slot = NULL, n_keyed = 0, size = 0, n_out = 0, cap = 0;
    int found_any = 0;
    missing_tokens = PyList_New(0);
    missing_keys = PyList_New(0);
    best = PyList_New(0);
    if (missing_tokens == NULL || missing_keys == NULL || best == NULL) goto done;
    if (token_keys != Py_None) {
        folded = PyMem_Malloc(sizeof(PyObject *) * (size_t)(n_tok + 1));
        keyof = PyMem_Malloc(sizeof(PyObject *) * (size_t)(n_tok + 1));
        if (folded == NULL || keyof == NULL) { PyErr_NoMemory(); goto done; }
        for (Py_ssize_t i = 0; i < n_tok; i++) {
            PyObject *token = PyList_GET_ITEM(tokens, i);
            if (!PyUnicode_CheckExact(token)) { /* a str's hash and equality run no Python code */
                PyErr_SetString(PyExc_TypeError, "gloss_query: the tokens must be str");
                goto done;
            }
            PyObject *entry = PyDict_GetItemWithError(token_keys, token);
            if (entry == NULL) {
                if (PyErr_Occurred() || PyList_Append(missing_tokens, token) < 0) goto done;
                continue;
            }
            if (entry == Py_None) continue;
            if (!PyTuple_CheckExact(entry) || PyTuple_GET_SIZE(entry) != 2 ||
                !PyUnicode_CheckExact(PyTuple_GET_ITEM(entry, 0)) || !PyUnicode_CheckExact(PyTuple_GET_ITEM(entry, 1))) {
                PyErr_SetString(PyExc_TypeError, "gloss_query: a token's entry must be None or (str, str)");
                goto done;
            }
            folded[n_keyed] = PyTuple_GET_ITEM(entry, 0);
            keyof[n_keyed] = PyTuple_GET_ITEM(entry, 1);
            n_keyed++;
        }
        if (PyList_GET_SIZE(missing_tokens)) {
            out = PyTuple_Pack(2, missing_tokens, missing_keys);
            goto done;
        }
    }
    /* the targets' ids each once (id_table), in the order first given a weight */
    cap = 16;
    keys = id_table(cap, &size);
    slot = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)size);
    order = PyMem_Malloc(sizeof(int64_t) * (size_t)cap);
    value = PyMem_Malloc(sizeof(double) * (size_t)cap);
    if (keys == NULL || slot == NULL || order == NULL || value == NULL) { PyErr_NoMemory(); goto done; }
    Py_ssize_t pos = 0;
    for (Py_ssize_t i = 0; i < n_own + n_extra; i++) {
        PyObject *term, *wobj = NULL;
        double weight = 1.0;
        if (i < n_own) {
            term = PyList_GET_ITEM(own, i);
        } else if (!PyDict_Next(extra, &pos, &term, &wobj)) {
            break;
        } else if (!PyFloat_CheckExact(wobj)) { /* Python's float product: a numpy float would differ */
            PyErr_SetString(PyExc_TypeError, "gloss_query: the extra terms' weights must be floats");
            goto done;
        } else {
            weight = PyFloat_AS_DOUBLE(wobj);
        }
        if (!PyUnicode_CheckExact(term)) {
            PyErr_SetString(PyExc_TypeError, "gloss_query: the terms must be str");
            goto done;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(term);
        Py_ssize_t colon = PyUnicode_FindChar(term, ':', 0, len, 1);
        if (colon == -2) goto done;
        PyObject *lemma = colon < 0 ? PyUnicode_New(0, 0) : PyUnicode_Substring(term, colon + 1, len);
        if (lemma == NULL) goto done;
        PyObject *key = lemma;
        for (Py_ssize_t k = n_keyed - 1; k >= 0; k--) {
            int same = PyUnicode_Compare(folded[k], lemma);
            if (same == -1 && PyErr_Occurred()) { Py_DECREF(lemma); goto done; }
            if (same == 0) { key = keyof[k]; break; }
        }
        PyObject *entry = PyDict_GetItemWithError(table, key);
        if (entry == NULL) {
            int failed = PyErr_Occurred() != NULL || PyList_Append(missing_keys, key) < 0;
            Py_DECREF(lemma);
            if (failed) goto done;
            continue;
        }
        Py_DECREF(lemma);
        if (!PyTuple_CheckExact(entry) || PyTuple_GET_SIZE(entry) != 3 || !PyBytes_CheckExact(PyTuple_GET_ITEM(entry, 1)) ||
            !PyBytes_CheckExact(PyTuple_GET_ITEM(entry, 2)) ||
            PyBytes_GET_SIZE(PyTuple_GET_ITEM(entry, 1)) != PyBytes_GET_SIZE(PyTuple_GET_ITEM(entry, 2)) ||
            PyBytes_GET_SIZE(PyTuple_GET_ITEM(entry, 1)) % 8) {
            PyErr_SetString(PyExc_TypeError, "gloss_query: a table entry must be (best, ids, shares)");
            goto done;
        }
        if (PyList_GET_SIZE(missing_keys)) continue; /* no result to build: only the missing keys count */
        PyObject *first = PyTuple_GET_ITEM(entry, 0);
        if (i < n_own && first != Py_None && PyList_Append(best, first) < 0) goto done;
        Py_ssize_t n_pairs = PyBytes_GET_SIZE(PyTuple_GET_ITEM(entry, 1)) / 8;
        const int64_t *ids = (const int64_t *)PyBytes_AS_STRING(PyTuple_GET_ITEM(entry, 1));
        const double *shares = (const double *)PyBytes_AS_STRING(PyTuple_GET_ITEM(entry, 2));
        for (Py_ssize_t j = 0; j < n_pairs; j++) {
            double val = shares[j] * weight;
            if (!(val > 0.0)) continue; /* never above a target's weight so far (0 where it has none) */
            found_any = 1;
            if (ids[j] < 0) continue; /* a target the index lacks: the query drops it */
            if (n_out == cap) { /* grow: a new table, the ids so far again in their slots */
                Py_ssize_t new_size;
                int64_t *new_keys = id_table(2 * cap, &new_size);
                Py_ssize_t *new_slot = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)new_size);
                int64_t *new_order = PyMem_Realloc(order, sizeof(int64_t) * (size_t)(2 * cap));
                if (new_order != NULL) order = new_order;
                double *new_value = PyMem_Realloc(value, sizeof(double) * (size_t)(2 * cap));
                if (new_value != NULL) value = new_value;
                if (new_keys == NULL || new_slot == NULL || new_order == NULL || new_value == NULL) {
                    PyMem_Free(new_keys);
                    PyMem_Free(new_slot);
                    PyErr_NoMemory();
                    goto done;
                }
                PyMem_Free(keys);
                PyMem_Free(slot);
                keys = new_keys;
                slot = new_slot;
                size = new_size;
                cap *= 2;
                for (Py_ssize_t k = 0; k < n_out; k++) {
                    int fresh;
                    slot[id_slot(keys, size, order[k], &fresh)] = k;
                }
            }
            int fresh;
            Py_ssize_t at = id_slot(keys, size, ids[j], &fresh);
            if (fresh) {
                slot[at] = n_out;
                order[n_out] = ids[j];
                value[n_out] = val;
                n_out++;
            } else if (val > value[slot[at]]) {
                value[slot[at]] = val;
            }
        }
    }
    if (PyList_GET_SIZE(missing_keys)) {
        out = PyTuple_Pack(2, missing_tokens, missing_keys);
        goto done;
    }
    {
        PyObject *ibytes = PyBytes_FromStringAndSize((const char *)order, (Py_ssize_t)(8 * n_out));
        PyObject *wbytes = PyByteArray_FromStringAndSize(NULL, 4 * n_out);
        if (ibytes != NULL && wbytes != NULL) {
            float *wo = (float *)PyByteArray_AS_STRING(wbytes);
            for (Py_ssize_t k = 0; k < n_out; k++) wo[k] = (float)value[k]; /* numpy's float32 of a double */
            out = Py_BuildValue("(OOOO)", ibytes, wbytes, best, found_any ? Py_True : Py_False);
        }
        Py_XDECREF(ibytes);
        Py_XDECREF(wbytes);
    }
done:
    PyMem_Free(folded);
    PyMem_Free(keyof);
    PyMem_Free(keys);
    PyMem_Free(slot);
    PyMem_Free(order);
    PyMem_Free(value);
    Py_XDECREF(missing_tokens);
    Py_XDECREF(missing_keys);
    Py_XDECREF(best);
    return out;
}

/* own_terms(tokens, tables, text_at) -> (own, whole, parts, start, end) or list of (table index, token)
 *   A text's index terms from per-word tables (Linker._tagged, _part_terms and the whole words of
 *   _lexical_queries): tables holds one dict per label language, in order, each mapping a token to
 *   (lemma, term, near, parts): its lemma, that lemma as the language's term ("sv:lemma"), the known term
 *   one letter away or None (_Terms.near, where the language is fuzzy), and its compound parts' terms (a
 *   tuple of str). own: per language, the tokens' terms, then their near terms, then their parts (_Terms.tagged),
 *   the languages one after another; text_at: the index of the text's own language among the tables (-1:
 *   none); parts: the parts of that language's tokens that are none of its tokens' terms and are in own, each
 *   once in the order first met (_part_terms); whole: own without those parts; [start, end): the text's
 *   language's slice of own (0, 0 where text_at is -1). Where a table lacks a token, the (table, token) pairs
 *   missing come back instead, for the caller to fill (quick.own_terms_python is the twin). */
static PyObject *own_terms(PyObject *self, PyObject *args) {
    PyObject *tokens, *tables;
    Py_ssize_t text_at;
    if (!PyArg_ParseTuple(args, "O!O!n", &PyList_Type, &tokens, &PyList_Type, &tables, &text_at)) return NULL;
    Py_ssize_t n_tok = PyList_GET_SIZE(tokens), n_tab = PyList_GET_SIZE(tables);
    if (text_at < -1 || text_at >= n_tab) {
        PyErr_SetString(PyExc_ValueError, "own_terms: text_at out of range");
        return NULL;
    }
    PyObject *out = NULL, *missing = NULL, *own = NULL, *whole = NULL, *parts = NULL, *held = NULL, *lemmas = NULL,
             *owns = NULL, *partset = NULL;
    PyObject **entries = NULL; /* borrowed, per table and token */
    Py_ssize_t start = 0, end = 0;
    missing = PyList_New(0);
    own = PyList_New(0);
    if (missing == NULL || own == NULL) goto done;
    entries = PyMem_Malloc(sizeof(PyObject *) * (size_t)(n_tab * n_tok + 1));
    if (entries == NULL) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t t = 0; t < n_tab; t++) {
        PyObject *table = PyList_GET_ITEM(tables, t);
        if (!PyDict_Check(table)) {
            PyErr_SetString(PyExc_TypeError, "own_terms: each table must be a dict");
            goto done;
        }
        for (Py_ssize_t i = 0; i < n_tok; i++) {
            PyObject *token = PyList_GET_ITEM(tokens, i);
            if (!PyUnicode_CheckExact(token)) { /* a str's hash and equality run no Python code */
                PyErr_SetString(PyExc_TypeError, "own_terms: the tokens must be str");
                goto done;
            }
            PyObject *entry = PyDict_GetItemWithError(table, token);
            if (entry == NULL) {
                if (PyErr_Occurred()) goto done;
                PyObject *pair = Py_BuildValue("(nO)", t, token);
                if (pair == NULL || PyList_Append(missing, pair) < 0) { Py_XDECREF(pair); goto done; }
                Py_DECREF(pair);
                entries[t * n_tok + i] = NULL;
                continue;
            }
            if (!PyTuple_CheckExact(entry) || PyTuple_GET_SIZE(entry) != 4 ||
                !PyUnicode_CheckExact(PyTuple_GET_ITEM(entry, 1)) ||
                (PyTuple_GET_ITEM(entry, 2) != Py_None && !PyUnicode_CheckExact(PyTuple_GET_ITEM(entry, 2))) ||
                !PyTuple_CheckExact(PyTuple_GET_ITEM(entry, 3))) {
                PyErr_SetString(PyExc_TypeError, "own_terms: an entry must be (lemma, term, near, parts)");
                goto done;
            }
            PyObject *ps = PyTuple_GET_ITEM(entry, 3);
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(ps); k++) {
                if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(ps, k))) {
                    PyErr_SetString(PyExc_TypeError, "own_terms: the parts must be str");
                    goto done;
                }
            }
            entries[t * n_tok + i] = entry;
        }
    }
    if (PyList_GET_SIZE(missing)) {
        out = Py_NewRef(missing);
        goto done;
    }
    for (Py_ssize_t t = 0; t < n_tab; t++) {
        if (t == text_at) start = PyList_GET_SIZE(own);
        for (int field = 1; field <= 3; field++) { /* the terms, the near terms, the parts */
            for (Py_ssize_t i = 0; i < n_tok; i++) {
                PyObject *x = PyTuple_GET_ITEM(entries[t * n_tok + i], field);
                if (field == 3) {
                    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(x); k++)
                        if (PyList_Append(own, PyTuple_GET_ITEM(x, k)) < 0) goto done;
                } else if (x != Py_None && PyList_Append(own, x) < 0) {
                    goto done;
                }
            }
        }
        if (t == text_at) end = PyList_GET_SIZE(own);
    }
    parts = PyList_New(0);
    whole = PyList_New(0);
    lemmas = PyList_New(0);
    owns = PySet_New(own);
    held = PySet_New(NULL); /* the text language's terms */
    partset = PySet_New(NULL);
    if (parts == NULL || whole == NULL || lemmas == NULL || owns == NULL || held == NULL || partset == NULL) goto done;
    if (text_at >= 0) {
        for (Py_ssize_t i = 0; i < n_tok; i++) {
            PyObject *entry = entries[text_at * n_tok + i];
            if (PySet_Add(held, PyTuple_GET_ITEM(entry, 1)) < 0 || PyList_Append(lemmas, PyTuple_GET_ITEM(entry, 0)) < 0)
                goto done;
        }
        for (Py_ssize_t i = 0; i < n_tok; i++) {
            PyObject *ps = PyTuple_GET_ITEM(entries[text_at * n_tok + i], 3);
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(ps); k++) {
                PyObject *p = PyTuple_GET_ITEM(ps, k);
                int in_whole = PySet_Contains(held, p), in_own = PySet_Contains(owns, p), seen = PySet_Contains(partset, p);
                if (in_whole < 0 || in_own < 0 || seen < 0) goto done;
                if (!in_whole && in_own && !seen && (PySet_Add(partset, p) < 0 || PyList_Append(parts, p) < 0)) goto done;
            }
        }
    }
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(own); k++) {
        PyObject *x = PyList_GET_ITEM(own, k);
        int in = PySet_Contains(partset, x);
        if (in < 0 || (!in && PyList_Append(whole, x) < 0)) goto done;
    }
    out = Py_BuildValue("(OOOOnn)", own, whole, parts, lemmas, start, end);
done:
    PyMem_Free(entries);
    Py_XDECREF(missing);
    Py_XDECREF(own);
    Py_XDECREF(whole);
    Py_XDECREF(parts);
    Py_XDECREF(lemmas);
    Py_XDECREF(owns);
    Py_XDECREF(held);
    Py_XDECREF(partset);
    return out;
}

static PyMethodDef methods[] = {
    {"walk_select", walk_select, METH_VARARGS, "Quick linking's walk, boosts and kind mask (see the module)."},
    {"static_add", static_add, METH_VARARGS, "Quick linking's static z-scores added (see the module)."},
    {"tfidf_weights", tfidf_weights, METH_VARARGS, "A character n-gram query's weights before its norm (see above)."},
    {"distinct_ids", distinct_ids, METH_VARARGS, "A query's known term ids, each once, in order (see above)."},
    {"gram_ids", gram_ids, METH_VARARGS, "A word's character n-grams' ids in each vocab (see above)."},
    {"gloss_query", gloss_query, METH_VARARGS, "The cov query of a text's English gloss from per-word tables (see above)."},
    {"own_terms", own_terms, METH_VARARGS, "A text's index terms from per-word tables (see above)."},
    {"probe_stats", probe_stats, METH_VARARGS, "A text's static row mean and spread over the probe (see the module)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_quick", NULL, -1, methods};

/* The Python side (kompetens.link.quick) uses the module only when its VERSION is the one it expects. */
PyMODINIT_FUNC PyInit__quick(void) {
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "VERSION", VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
