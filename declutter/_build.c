/* Compiled help for building the first pass's databases (declutter/scan.py), optional: where it is not
 * built, scan.py does the same in Python, with the same result.
 *
 * contained(ordered) -> list[list[int]]
 *     ``ordered``: distinct bytes objects, sorted. For each of them, the positions in ``ordered`` of those
 *     it contains (itself included; once for each place one stands at): what ``scan._pruned`` asks of every literal of a language set (some
 *     10,000-20,000 of them), a third of a database's build in Python.
 *
 * How: a literal contained in ``x`` starts some suffix of ``x``. For each suffix, the greatest literal not
 * above it is found by bisection; every literal that starts the suffix is that one or one of its own
 * beginnings (any literal between a beginning of the suffix and the suffix itself starts with that
 * beginning), so the chain "the longest literal that begins this one" (``up``, made once) lists them all.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* <0, 0, >0 as bytes comparison of a[0:alen] and b[0:blen]. */
static int compare(const char *a, Py_ssize_t alen, const char *b, Py_ssize_t blen) {
    int c = memcmp(a, b, (size_t)(alen < blen ? alen : blen));
    if (c != 0) return c;
    return alen < blen ? -1 : alen > blen;
}

static int starts_with(const char *text, Py_ssize_t tlen, const char *head, Py_ssize_t hlen) {
    return hlen <= tlen && memcmp(text, head, (size_t)hlen) == 0;
}

/* Position of the greatest of the n sorted strings that is <= x, or -1. */
static Py_ssize_t floor_position(const char **data, const Py_ssize_t *len, Py_ssize_t n, const char *x,
                                 Py_ssize_t xlen) {
    Py_ssize_t low = 0, high = n;
    while (low < high) {
        Py_ssize_t mid = low + (high - low) / 2;
        if (compare(x, xlen, data[mid], len[mid]) < 0) high = mid;
        else low = mid + 1;
    }
    return low - 1;
}

/* up[i]: the position of the longest string that is a proper beginning of string i, or -1. */
static void beginnings(const char **data, const Py_ssize_t *len, Py_ssize_t n, Py_ssize_t *up,
                       Py_ssize_t *stack) {
    Py_ssize_t depth = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        while (depth && !starts_with(data[i], len[i], data[stack[depth - 1]], len[stack[depth - 1]])) depth--;
        up[i] = depth ? stack[depth - 1] : -1;
        stack[depth++] = i;
    }
}

/* The positions of the strings contained in string i, appended to a new list. */
static PyObject *inside(const char **data, const Py_ssize_t *len, Py_ssize_t n, const Py_ssize_t *up,
                        Py_ssize_t i) {
    PyObject *found = PyList_New(0);
    if (found == NULL) return NULL;
    for (Py_ssize_t start = 0; start < len[i]; start++) {
        const char *rest = data[i] + start;
        Py_ssize_t rlen = len[i] - start;
        Py_ssize_t j = floor_position(data, len, n, rest, rlen);
        while (j >= 0 && !starts_with(rest, rlen, data[j], len[j])) j = up[j];
        for (; j >= 0; j = up[j]) {
            PyObject *number = PyLong_FromSsize_t(j);
            if (number == NULL || PyList_Append(found, number) < 0) {
                Py_XDECREF(number);
                Py_DECREF(found);
                return NULL;
            }
            Py_DECREF(number);
        }
    }
    return found;
}

static PyObject *contained(PyObject *self, PyObject *ordered) {
    if (!PyList_Check(ordered)) {
        PyErr_SetString(PyExc_TypeError, "contained() expects a list of bytes");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(ordered);
    const char **data = PyMem_Malloc(sizeof(char *) * (size_t)(n ? n : 1));
    Py_ssize_t *numbers = PyMem_Malloc(sizeof(Py_ssize_t) * 3 * (size_t)(n ? n : 1));
    PyObject *result = NULL;
    if (data == NULL || numbers == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t *len = numbers, *up = numbers + n, *stack = numbers + 2 * n;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(ordered, i);
        if (!PyBytes_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "contained() expects a list of bytes");
            goto done;
        }
        data[i] = PyBytes_AS_STRING(item);
        len[i] = PyBytes_GET_SIZE(item);
        if (i && compare(data[i - 1], len[i - 1], data[i], len[i]) >= 0) {
            PyErr_SetString(PyExc_ValueError, "contained() expects distinct bytes, sorted");
            goto done;
        }
    }
    beginnings(data, len, n, up, stack);
    result = PyList_New(n);
    if (result == NULL) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *found = inside(data, len, n, up, i);
        if (found == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, i, found);
    }
done:
    PyMem_Free(data);
    PyMem_Free(numbers);
    return result;
}

static PyMethodDef methods[] = {
    {"contained", contained, METH_O,
     "contained(ordered: list[bytes]) -> list[list[int]]: for each of the distinct, sorted bytes, the "
     "positions of those it contains (itself included)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_build", NULL, -1, methods};

PyMODINIT_FUNC PyInit__build(void) { return PyModule_Create(&module); }
