package io.drover.common.resources;

/** Bad {@code --resources} or {@code --attributes} text; the message is fit to show the user as is. */
public final class ResourcesFormatException extends IllegalArgumentException {
  public ResourcesFormatException(String message) { super(message); }
}
