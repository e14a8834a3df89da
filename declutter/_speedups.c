/* Compiled helpers for declutter: the comparison keys of the duplicates filter.
 *
 * document_keys(texts, start_words) returns what the pure-Python
 * declutter.filters.duplicates._document_keys_python returns for blocks with
 * those texts: for each text, its key (case-folded words, one space between
 * them) and the first start_words words of each of its sentences. The Python
 * function is the specification; tests/test_speedups.py checks that both
 * agree on the corpus and on generated text. Each step mirrors one of its
 * lines:
 *
 *   1. a line break, "_" or NUL in a text is a space;
 *   2. a sentence mark [.!?…:;], closing quotes or brackets ['"”’)\]]*, and a
 *      run of white space become one NUL (where a sentence ends);
 *   3. the whole document is case-folded (str.casefold, called once);
 *   4. words are runs of alphanumeric characters (what \w matches here);
 *      a key joins a text's words, a head the first words of a sentence.
 *
 * Characters are classified with the same macros the re module and
 * str.split use (Py_UNICODE_ISALNUM, Py_UNICODE_ISSPACE).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int is_mark(Py_UCS4 ch) {
    return ch == '.' || ch == '!' || ch == '?' || ch == 0x2026 || ch == ':' || ch == ';';
}

static int is_closer(Py_UCS4 ch) {
    return ch == '\'' || ch == '"' || ch == 0x201D || ch == 0x2019 || ch == ')' || ch == ']';
}

/* Py_UNICODE_ISALNUM, with a table for ASCII (most characters). */
static unsigned char ascii_alnum[128];

static inline int is_alnum(Py_UCS4 ch) {
    return ch < 128 ? ascii_alnum[ch] : Py_UNICODE_ISALNUM(ch);
}

/* Step 1: the character as the sentence marking sees it. */
static Py_UCS4 plain(Py_UCS4 ch) {
    return (ch == '\n' || ch == '_' || ch == 0) ? ' ' : ch;
}

/* A growable buffer of code points. */
typedef struct {
    Py_UCS4 *data;
    Py_ssize_t size;
    Py_ssize_t capacity;
} Buffer;

static int buffer_reserve(Buffer *buffer, Py_ssize_t more) {
    if (buffer->size + more <= buffer->capacity) {
        return 0;
    }
    Py_ssize_t capacity = buffer->capacity ? buffer->capacity : 256;
    while (capacity < buffer->size + more) {
        capacity *= 2;
    }
    Py_UCS4 *data = PyMem_Realloc(buffer->data, (size_t)capacity * sizeof(Py_UCS4));
    if (data == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    buffer->data = data;
    buffer->capacity = capacity;
    return 0;
}

/* Steps 1 and 2 for one text, appended to the buffer. */
static int mark_text(Buffer *out, PyObject *text) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (buffer_reserve(out, length + 1) < 0) {
        return -1;
    }
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
            if (k > j) {
                out->data[out->size++] = 0;
                i = k;
                continue;
            }
        }
        out->data[out->size++] = ch;
        i++;
    }
    return 0;
}

static PyObject *buffer_string(const Py_UCS4 *data, Py_ssize_t size) {
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, data, size);
}

/* Step 4 for one text (folded[start:end]): its key, and its sentence heads appended to heads. */
static PyObject *text_keys(const Py_UCS4 *folded, Py_ssize_t start, Py_ssize_t end, Py_ssize_t start_words,
                           Buffer *key, Buffer *head, PyObject *heads) {
    key->size = 0;
    head->size = 0;
    Py_ssize_t words = 0;
    Py_ssize_t i = start;
    while (i <= end) {
        Py_UCS4 ch = i < end ? folded[i] : 0;
        if (i < end && is_alnum(ch)) {
            /* room for the rest of the text: a word is at most that long */
            if (buffer_reserve(key, end - i + 1) < 0 || buffer_reserve(head, end - i + 1) < 0) {
                return NULL;
            }
            if (key->size) {
                key->data[key->size++] = ' ';
            }
            Py_ssize_t word_start = key->size;
            while (i < end && is_alnum(ch = folded[i])) {
                key->data[key->size++] = ch;
                i++;
            }
            if (words < start_words) {
                if (head->size) {
                    head->data[head->size++] = ' ';
                }
                memcpy(head->data + head->size, key->data + word_start, (size_t)(key->size - word_start) * sizeof(Py_UCS4));
                head->size += key->size - word_start;
            }
            words++;
            continue;
        }
        if (ch == 0) { /* a sentence ends (or the text does) */
            PyObject *value = buffer_string(head->data, head->size);
            if (value == NULL || PyList_Append(heads, value) < 0) {
                Py_XDECREF(value);
                return NULL;
            }
            Py_DECREF(value);
            head->size = 0;
            words = 0;
        }
        i++;
    }
    return buffer_string(key->data, key->size);
}

static PyObject *document_keys(PyObject *self, PyObject *args) {
    PyObject *texts;
    Py_ssize_t start_words;
    if (!PyArg_ParseTuple(args, "O!n", &PyList_Type, &texts, &start_words)) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(texts);
    Buffer marked = {NULL, 0, 0}, key = {NULL, 0, 0}, head = {NULL, 0, 0};
    PyObject *keys = NULL, *all_heads = NULL, *folded = NULL, *result = NULL;
    Py_UCS4 *data = NULL;
    for (Py_ssize_t n = 0; n < count; n++) {
        PyObject *text = PyList_GET_ITEM(texts, n);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "document_keys() takes a list of str");
            goto done;
        }
        if ((n && buffer_reserve(&marked, 1) < 0) || mark_text(&marked, text) < 0) {
            goto done;
        }
        if (n + 1 < count) {
            marked.data[marked.size++] = '\n';
        }
    }
    PyObject *joined = buffer_string(marked.data, marked.size);
    if (joined == NULL) {
        goto done;
    }
    folded = PyObject_CallMethod(joined, "casefold", NULL);
    Py_DECREF(joined);
    if (folded == NULL) {
        goto done;
    }
    keys = PyList_New(0);
    all_heads = PyList_New(0);
    if (keys == NULL || all_heads == NULL) {
        goto done;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(folded);
    data = PyUnicode_AsUCS4Copy(folded);
    if (data == NULL) {
        goto done;
    }
    Py_ssize_t start = 0;
    while (start <= length) { /* one text per line of the folded document, as many as "\n".join made */
        Py_ssize_t end = start;
        while (end < length && data[end] != '\n') {
            end++;
        }
        PyObject *heads = PyList_New(0);
        if (heads == NULL) {
            goto done;
        }
        PyObject *text_key = text_keys(data, start, end, start_words, &key, &head, heads);
        if (text_key == NULL || PyList_Append(keys, text_key) < 0 || PyList_Append(all_heads, heads) < 0) {
            Py_XDECREF(text_key);
            Py_DECREF(heads);
            goto done;
        }
        Py_DECREF(text_key);
        Py_DECREF(heads);
        start = end + 1;
    }
    result = PyTuple_Pack(2, keys, all_heads);
done:
    PyMem_Free(data);
    PyMem_Free(marked.data);
    PyMem_Free(key.data);
    PyMem_Free(head.data);
    Py_XDECREF(folded);
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
    return PyModule_Create(&module);
}
