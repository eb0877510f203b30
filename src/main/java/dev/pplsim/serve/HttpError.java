package dev.pplsim.serve;

/**
 * A request answered with an error: its HTTP status and the one-line message the command line would print (an
 * {@link dev.pplsim.request.InputException}'s, for input the readers refuse). 400: the body is not what the endpoint
 * reads (not JSON, not UTF-8, not an object); 401: no or a wrong access token; 404, 405; 413: over a size limit;
 * 422: well-formed, but the readers refuse a field (an unknown build, a mask that is not one); 503: busy, reloading,
 * or over the time limit.
 */
final class HttpError extends RuntimeException {

    final int status;
    /** Seconds a client should wait before asking again (503), or 0. */
    final int retryAfter;

    HttpError(int status, String message) {
        this(status, message, 0);
    }

    HttpError(int status, String message, int retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError unprocessable(String message) {
        return new HttpError(422, message);
    }

    static HttpError tooLarge(String message) {
        return new HttpError(413, message);
    }

    static HttpError unavailable(String message, int retryAfter) {
        return new HttpError(503, message, retryAfter);
    }
}
