/* Compiled helpers for declutter: the comparison keys of the duplicates filter.
 *
 * document_keys(texts, start_words) returns what the pure-Python
 * declutter.filters.duplicates._document_keys_python returns for blocks with
 * those texts: for each text, its key (case-folded words, one space between
 * them) and the first start_words words of each of its sentences. The Python
 * function is the specification; tests/test_speedups.py checks that both
 * agree on the corpus and on generated text. Each text is read once:
 *
 *   1. a line break, "_" or NUL in a text is a space;
 *   2. a sentence mark [.!?…:;], closing quotes or brackets ['"”’)\]]*, and a
 *      run of white space end a sentence (Python turns them into one NUL);
 *   3. every other character is case-folded as str.casefold folds it (one
 *      character at a time, as str.casefold does; ASCII by table, the others
 *      through str.casefold, remembered);
 *   4. words are runs of alphanumeric characters of the folded text (what
 *      [^\W_] matches there); a key joins a text's words, a head the first
 *      start_words words of a sentence.
 *
 * Characters are classified with the macros the re module and str.split
 * use (Py_UNICODE_ISALNUM, Py_UNICODE_ISSPACE).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Py_UNICODE_ISALNUM, with a table for ASCII (most characters). */
static unsigned char ascii_alnum[128];
/* The case folding of characters above ASCII met so far: {code point: folded str}. */
static PyObject *folds = NULL;

static inline int is_alnum(Py_UCS4 ch) {
    return ch < 128 ? ascii_alnum[ch] : Py_UNICODE_ISALNUM(ch);
}

static inline int is_mark(Py_UCS4 ch) {
    return ch == '.' || ch == '!' || ch == '?' || ch == 0x2026 || ch == ':' || ch == ';';
}

static inline int is_closer(Py_UCS4 ch) {
    return ch == '\'' || ch == '"' || ch == 0x201D || ch == 0x2019 || ch == ')' || ch == ']';
}

/* Step 1: the character as the sentence marking sees it. */
static inline Py_UCS4 plain(Py_UCS4 ch) {
    return (ch == '\n' || ch == '_' || ch == 0) ? ' ' : ch;
}

/* The words of one text being read: its key, the head of the current sentence, and the heads so far. */
typedef struct {
    Py_UCS4 *key;
    Py_ssize_t key_size;
    Py_UCS4 *head;
    Py_ssize_t head_size;
    Py_ssize_t words;        /* words in the current sentence */
    int in_word;
    Py_ssize_t start_words;
    PyObject *heads;         /* list of str */
} Reader;

/* A folded character: part of a word when alphanumeric, else a gap between words. */
static inline void add_folded(Reader *r, Py_UCS4 ch) {
    if (is_alnum(ch)) {
        if (!r->in_word) {
            if (r->key_size) {
                r->key[r->key_size++] = ' ';
            }
            if (r->words < r->start_words && r->head_size) {
                r->head[r->head_size++] = ' ';
            }
            r->in_word = 1;
        }
        r->key[r->key_size++] = ch;
        if (r->words < r->start_words) {
            r->head[r->head_size++] = ch;
        }
    } else if (r->in_word) {
        r->in_word = 0;
        r->words++;
    }
}

/* Step 3 for a character above ASCII: add its case folding (one to three characters). */
static int add_unicode(Reader *r, Py_UCS4 ch) {
    PyObject *code = PyLong_FromUnsignedLong(ch);
    if (code == NULL) {
        return -1;
    }
    PyObject *folded = PyDict_GetItemWithError(folds, code);
    if (folded == NULL) {
        if (PyErr_Occurred()) {
            Py_DECREF(code);
            return -1;
        }
        PyObject *one = PyUnicode_FromOrdinal((int)ch);
        folded = one == NULL ? NULL : PyObject_CallMethod(one, "casefold", NULL);
        Py_XDECREF(one);
        if (folded == NULL || PyDict_SetItem(folds, code, folded) < 0) {
            Py_XDECREF(folded);
            Py_DECREF(code);
            return -1;
        }
        Py_DECREF(folded); /* the dict holds it */
    }
    Py_DECREF(code);
    Py_ssize_t length = PyUnicode_GET_LENGTH(folded);
    for (Py_ssize_t i = 0; i < length; i++) {
        add_folded(r, PyUnicode_READ_CHAR(folded, i));
    }
    return 0;
}

static int end_sentence(Reader *r) {
    if (r->in_word) {
        r->in_word = 0;
        r->words++;
    }
    PyObject *head = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, r->head, r->head_size);
    if (head == NULL || PyList_Append(r->heads, head) < 0) {
        Py_XDECREF(head);
        return -1;
    }
    Py_DECREF(head);
    r->head_size = 0;
    r->words = 0;
    return 0;
}

/* Steps 1 to 4 for one text. */
static int read_text(Reader *r, PyObject *text) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t i = 0;
    while (i < length) {
        Py_UCS4 ch = plain(PyUnicode_READ(kind, data, i));
        if (is_mark(ch)) {
            Py_ssize_t j = i + 1;
            while (j < length && is_closer(plain(PyUnicode_READ(kind, data, j)))) {
                j++;
            }
            Py_ssize_t k = j;
            while (k < length && Py_UNICODE_ISSPACE(plain(PyUnicode_READ(kind, data, k)))) {
                k++;
            }
            if (k > j) { /* a sentence ends here */
                if (end_sentence(r) < 0) {
                    return -1;
                }
                i = k;
                continue;
            }
        }
        if (ch < 128) {
            add_folded(r, (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
        } else if (add_unicode(r, ch) < 0) {
            return -1;
        }
        i++;
    }
    return end_sentence(r);
}

static PyObject *document_keys(PyObject *self, PyObject *args) {
    PyObject *texts;
    Py_ssize_t start_words;
    if (!PyArg_ParseTuple(args, "O!n", &PyList_Type, &texts, &start_words)) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(texts);
    PyObject *keys = PyList_New(0), *all_heads = PyList_New(0), *result = NULL;
    Reader r = {NULL, 0, NULL, 0, 0, 0, start_words, NULL};
    Py_ssize_t capacity = 0;
    if (keys == NULL || all_heads == NULL) {
        goto done;
    }
    /* No text at all still makes one (empty) line, as "\n".join([]).split("\n") does. */
    for (Py_ssize_t n = 0; n < (count ? count : 1); n++) {
        PyObject *text = count ? PyList_GET_ITEM(texts, n) : NULL;
        if (text != NULL && !PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "document_keys() takes a list of str");
            goto done;
        }
        Py_ssize_t length = text == NULL ? 0 : PyUnicode_GET_LENGTH(text);
        if (3 * length + 1 > capacity) { /* a character folds to at most three */
            capacity = 3 * length + 1;
            PyMem_Free(r.key);
            PyMem_Free(r.head);
            r.key = PyMem_Malloc((size_t)capacity * sizeof(Py_UCS4));
            r.head = PyMem_Malloc((size_t)capacity * sizeof(Py_UCS4));
            if (r.key == NULL || r.head == NULL) {
                PyErr_NoMemory();
                goto done;
            }
        }
        r.key_size = r.head_size = r.words = 0;
        r.in_word = 0;
        r.heads = PyList_New(0);
        if (r.heads == NULL || (text == NULL ? end_sentence(&r) : read_text(&r, text)) < 0) {
            Py_XDECREF(r.heads);
            goto done;
        }
        PyObject *key = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, r.key, r.key_size);
        int failed = key == NULL || PyList_Append(keys, key) < 0 || PyList_Append(all_heads, r.heads) < 0;
        Py_XDECREF(key);
        Py_DECREF(r.heads);
        if (failed) {
            goto done;
        }
    }
    result = PyTuple_Pack(2, keys, all_heads);
done:
    PyMem_Free(r.key);
    PyMem_Free(r.head);
    Py_XDECREF(keys);
    Py_XDECREF(all_heads);
    return result;
}

static PyMethodDef methods[] = {
    {"document_keys", document_keys, METH_VARARGS,
     "document_keys(texts, start_words) -> (keys, heads): the duplicates filter's keys of each text, and the "
     "first start_words words of each of its sentences."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", "Compiled helpers for declutter.", -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) {
    for (Py_UCS4 ch = 0; ch < 128; ch++) {
        ascii_alnum[ch] = Py_UNICODE_ISALNUM(ch) ? 1 : 0;
    }
    folds = PyDict_New();
    if (folds == NULL) {
        return NULL;
    }
    return PyModule_Create(&module);
}
