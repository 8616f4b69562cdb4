#!/usr/bin/perl
# Runs ExifTool (path in VIGIL_EXIFTOOL) for Vigil's metadata reader and ends it when the process
# that started it is gone. ExifTool in -stay_open mode keeps polling its argument file after end
# of input, so after a kill -9 of Vigil it would otherwise run on for ever. Standard input and
# output pass straight through to ExifTool (it inherits them); its exit status is ours.
use strict;
use warnings;
use POSIX ':sys_wait_h';

my $exiftool = $ENV{VIGIL_EXIFTOOL} or die "VIGIL_EXIFTOOL is not set\n";
my $parent = getppid();
my $pid = fork();
die "cannot start ExifTool: $!\n" unless defined $pid;
if ($pid == 0) {
    exec($^X, $exiftool, @ARGV) or die "cannot run $exiftool: $!\n";
}
$SIG{TERM} = sub { kill 'TERM', $pid; };
for (;;) {
    my $done = waitpid($pid, WNOHANG);
    exit($? >> 8) if $done == $pid;
    if (getppid() != $parent) {
        kill 'TERM', $pid;
        waitpid($pid, 0);
        exit 0;
    }
    select(undef, undef, undef, 0.5);
}
