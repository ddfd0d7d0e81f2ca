public enum SeatingPlaceholder {}
