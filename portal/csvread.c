typedef int csvread_placeholder;
