package cn.shandong.chsync.mapping;

/** A mapping file that cannot be used; the message names the file and the field. */
public class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
