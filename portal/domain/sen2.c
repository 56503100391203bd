/* placeholder */ typedef int sen2_placeholder;
